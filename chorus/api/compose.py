"""/api/v1/compose/check: how long a post is on a network, counted as that network counts it."""

from django.utils.translation import gettext
from ninja import Router, Schema

from chorus.core.errors import ChorusError
from chorus.sharing.lengths import check
from chorus.sharing.networks import network_get

router = Router(tags=["compose"])

# Counting is cheap, but not free: far beyond any network's limit.
MAX_TEXT = 100_000


class CheckIn(Schema):
    network: str
    text: str


class CheckOut(Schema):
    length: int
    limit: int | None
    ok: bool


@router.post("/compose/check", response=CheckOut, summary="Count a post as its network counts it")
def compose_check(request, data: CheckIn):
    if len(data.text) > MAX_TEXT:
        raise ChorusError(
            gettext("The text is too long to check: at most %(count)d characters.")
            % {"count": MAX_TEXT},
            code="text_too_long",
            field="text",
        )
    result = check(data.text, network_get(data.network).rule)
    return CheckOut(length=result.length, limit=result.limit, ok=result.ok)
