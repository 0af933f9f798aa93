"""The installation fixture itself: a separate, migrated database that real processes share."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db(transaction=False)


def test_an_installation_is_migrated_and_separate(installation):
    count = installation.python(
        "from chorus.academy.models import Lesson\nresult = Lesson.objects.count()"
    )
    assert count > 0  # the default curriculum was installed after migrate
    installation.python(
        "from chorus.accounts.models import User\n"
        "User.objects.create(email='only-here@acme.test')\nresult = 1"
    )
    assert not get_user_model().objects.filter(email="only-here@acme.test").exists()
    assert (
        installation.python(
            "from chorus.accounts.models import User\n"
            "result = User.objects.filter(email='only-here@acme.test').count()"
        )
        == 1
    )
