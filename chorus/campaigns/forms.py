from django import forms
from django.utils.translation import gettext_lazy as _

from chorus.accounts.models import Department, Location
from chorus.campaigns.models import GOAL_MAX, INTRO_MAX, LABEL_MAX, NAME_MAX, Campaign
from chorus.campaigns.selectors import shareable_items
from chorus.content.models import ContentItem

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ItemChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title or obj.url} ({obj.get_status_display()})"


class CampaignForm(forms.Form):
    """The curators' form for a campaign; the service checks the rules."""

    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX,
        help_text=_("Short and clear, e.g. “Job openings in March”."),
    )
    intro = forms.CharField(
        label=_("Message to advocates"),
        max_length=INTRO_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Why this matters and what to stress. Advocates read it at the top of their feed. "
            "Simple Markdown works: **bold**, *italic*, links and lists."
        ),
    )
    goal_metric = forms.ChoiceField(label=_("The goal counts"), choices=Campaign.Metric.choices)
    goal_target = forms.IntegerField(label=_("Target"), min_value=1, max_value=GOAL_MAX)
    starts_on = forms.DateField(label=_("First day"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE_WIDGET)
    items = ItemChoiceField(
        ContentItem.objects.none(),  # the choices depend on the campaign: see __init__
        label=_("Content to share"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Published and scheduled items that may be shared."),
    )
    departments = forms.ModelMultipleChoiceField(
        Department.objects.all(),
        label=_("Only these departments"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every department."),
    )
    locations = forms.ModelMultipleChoiceField(
        Location.objects.all(),
        label=_("Only these locations"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every location."),
    )
    utm_label = forms.CharField(
        label=_("Campaign label"),
        max_length=LABEL_MAX,
        required=False,
        help_text=_(
            "The utm_campaign value on the shared links, as your web analytics will show it. "
            "Small letters, digits and hyphens. Empty: made from the name."
        ),
    )

    def __init__(self, *args, campaign: Campaign | None = None, **kwargs):
        if campaign is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": campaign.name,
                "intro": campaign.intro,
                "goal_metric": campaign.goal_metric,
                "goal_target": campaign.goal_target,
                "starts_on": campaign.starts_on,
                "ends_on": campaign.ends_on,
                "items": list(campaign.items.all()),
                "departments": list(campaign.departments.all()),
                "locations": list(campaign.locations.all()),
                "utm_label": campaign.utm_label,
            }
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = shareable_items(campaign=campaign)
        if campaign is not None:
            self.fields["utm_label"].required = True
            self.fields["utm_label"].help_text = _(
                "The utm_campaign value on the shared links. It cannot change once links carry it."
            )
