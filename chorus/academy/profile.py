"""The LinkedIn profile self-check: what a strong profile has, with a tip for each."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ProfileItem:
    key: str
    label: str | Promise
    tip: str | Promise


PROFILE_ITEMS = [
    ProfileItem(
        "photo",
        _("A recent, friendly photo of your face"),
        _(
            "Good light, plain background, your face filling most of the frame. "
            "People connect with faces."
        ),
    ),
    ProfileItem(
        "banner",
        _("A background banner"),
        _(
            "Your team at work, your city, or a picture of what you care about. "
            "Ask the communications team if you'd like a company banner."
        ),
    ),
    ProfileItem(
        "headline",
        _("A headline that says what you do and for whom"),
        _("More than a job title: for example “I help hospitals run their IT safely”."),
    ),
    ProfileItem(
        "about",
        _("An About section in your own words"),
        _("Three short paragraphs: what you do, what you are proud of, what you like to discuss."),
    ),
    ProfileItem(
        "experience",
        _("Your current role, with a line or two on what you achieve there"),
        _("Results and examples beat lists of duties."),
    ),
    ProfileItem(
        "skills",
        _("Five or more skills"),
        _("Pin the three you most want to be known for."),
    ),
    ProfileItem(
        "recommendation",
        _("At least one recommendation"),
        _("Write one for a colleague first: people often return the kindness."),
    ),
    ProfileItem(
        "url",
        _("A short custom profile address"),
        _("linkedin.com/in/your-name looks better on a business card than a string of digits."),
    ),
    ProfileItem(
        "connections",
        _("Connected with your closest colleagues and customers"),
        _("Your posts reach the people you are connected with first."),
    ),
]
