import pytest
from django.urls import reverse

from chorus.academy.models import Course, Guidelines, Lesson

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["guidelines", "guidelinesacceptance", "course", "lesson", "question"]
)
def test_the_admin_lists_and_opens_academy_rows(client, admin_user, advocate, name):
    client.force_login(admin_user)
    assert client.get(reverse(f"admin:academy_{name}_changelist")).status_code == 200
    row = {
        "guidelines": Guidelines.objects.first(),
        "course": Course.objects.first(),
        "lesson": Lesson.objects.first(),
    }.get(name)
    if row is not None:
        url = reverse(f"admin:academy_{name}_change", args=[row.pk])
        assert client.get(url).status_code == 200


def test_acceptances_cannot_be_made_or_changed_in_the_admin(client, admin_user, advocate):
    client.force_login(admin_user)
    assert client.get(reverse("admin:academy_guidelinesacceptance_add")).status_code == 403
