"""Sharing waits for the current guidelines (academy): a new version is accepted first."""

import pytest

from chorus.academy.selectors.guidelines import guidelines_accepted
from chorus.academy.services.guidelines import guidelines_accept, guidelines_publish
from chorus.content.tests.factories import ContentItemFactory
from chorus.core.errors import ForbiddenError
from chorus.sharing.services import share_create

pytestmark = pytest.mark.django_db


def test_a_new_version_asks_every_advocate_to_accept_again_before_sharing(advocate, owner):
    item = ContentItemFactory()
    share_create(advocate=advocate, item=item, network="x", text="Worth a read")
    guidelines_publish(
        by=owner, texts={"en": "# New rules"}, hate_advice={}, note="Confidentiality"
    )
    assert not guidelines_accepted(user=advocate)
    with pytest.raises(ForbiddenError) as error:
        share_create(advocate=advocate, item=item, network="x", text="Again")
    assert error.value.code == "guidelines_not_accepted"
    guidelines_accept(user=advocate, version=2)
    assert share_create(advocate=advocate, item=item, network="x", text="Again").pk


def test_the_compose_api_answers_403_with_a_reason_until_the_guidelines_are_accepted(
    client, advocate, owner
):
    from chorus.accounts.services import api_token_create

    item = ContentItemFactory()
    guidelines_publish(by=owner, texts={"en": "v2"}, hate_advice={})
    _row, token = api_token_create(user=advocate, name="t")
    response = client.post(
        "/api/v1/shares",
        {"item": item.pk, "network": "x", "text": "Hello"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 403
    assert response.json()["code"] == "guidelines_not_accepted"
