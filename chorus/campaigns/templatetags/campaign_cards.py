"""`{% running_campaigns %}`: the cards of the campaigns running for the person viewing, which the
content feed shows on top. The feed (content) sits below campaigns and cannot ask for them
itself; its template can, as base.html loads the notifications' bell."""

from django import template

from chorus.campaigns.selectors import campaign_cards_for

register = template.Library()


@register.inclusion_tag("campaigns/_cards.html", takes_context=True)
def running_campaigns(context) -> dict:
    """Nothing for people who are not taking part; otherwise two queries, however many cards."""
    user = context.get("user")
    show = bool(user and user.is_authenticated and context.get("is_advocate"))
    return {"campaigns": campaign_cards_for(user=user) if show else []}
