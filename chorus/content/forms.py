from django import forms
from django.utils.translation import gettext_lazy as _

from chorus.accounts.models import Department, Location
from chorus.content.models import ContentItem, SamplePost, Topic
from chorus.content.services import SampleText
from chorus.core.languages import CONTENT_LANGUAGES

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class FeedFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    topic = forms.ModelChoiceField(
        Topic.objects.all(), label=_("Topic"), required=False, empty_label=_("All topics")
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *ContentItem.Kind.choices]
    )


class ItemForm(forms.ModelForm):
    """The curator's form for an item; sample posts come from SamplePostFormSet beside it."""

    topics = forms.ModelMultipleChoiceField(
        Topic.objects.all(), label=_("Topics"), required=False, widget=forms.CheckboxSelectMultiple
    )
    audience_departments = forms.ModelMultipleChoiceField(
        Department.objects.all(),
        label=_("Only for these departments"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for everyone."),
    )
    audience_locations = forms.ModelMultipleChoiceField(
        Location.objects.all(),
        label=_("Only for these locations"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for everyone."),
    )

    class Meta:
        model = ContentItem
        fields = [
            "kind",
            "category",
            "url",
            "title",
            "note",
            "description",
            "language",
            "topics",
            "audience_departments",
            "audience_locations",
            "publish_at",
            "expires_at",
            "featured",
            "shareable",
            "regulated",
        ]
        widgets = {
            "publish_at": DATETIME_WIDGET,
            "expires_at": DATETIME_WIDGET,
            "note": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "url": _(
                "For links and videos. The title, description and image are filled in "
                "from the page."
            ),
            "title": _("Optional for links: the page's own title is used."),
            "publish_at": _("Empty keeps the item a draft. A time in the future schedules it."),
            "expires_at": _("Optional: after this the item leaves the feed."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("publish_at", "expires_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def item_fields(self) -> dict:
        """The cleaned values as item_create / item_update take them."""
        data = dict(self.cleaned_data)
        return {
            "topics": data.pop("topics"),
            "departments": data.pop("audience_departments"),
            "locations": data.pop("audience_locations"),
            **data,
        }


class SamplePostForm(forms.Form):
    network = forms.ChoiceField(
        label=_("Network"), choices=SamplePost._meta.get_field("network").choices, required=False
    )
    language = forms.ChoiceField(label=_("Language"), choices=CONTENT_LANGUAGES, initial="en")
    text = forms.CharField(
        label=_("Text"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


SamplePostFormSet = forms.formset_factory(SamplePostForm, extra=2, max_num=12, can_delete=True)


def sample_texts(formset) -> list[SampleText]:
    return [
        SampleText(
            text=f.cleaned_data["text"],
            network=f.cleaned_data["network"],
            language=f.cleaned_data["language"],
        )
        for f in formset.forms
        if f.cleaned_data and f.cleaned_data.get("text") and not f.cleaned_data.get("DELETE")
    ]


class ImageUploadForm(forms.Form):
    image = forms.ImageField(label=_("Image"), help_text=_("PNG, JPEG, WebP or GIF, up to 5 MB."))
    alt_text = forms.CharField(
        label=_("Description for screen readers"), max_length=300, required=False
    )


class SuggestionForm(forms.Form):
    url = forms.URLField(label=_("Link"), required=False, max_length=2000, assume_scheme="https")
    image = forms.FileField(
        label=_("or an image"),
        required=False,
        help_text=_("PNG, JPEG, WebP or GIF, up to 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}
        ),
    )
    text = forms.CharField(
        label=_("Why is it worth sharing?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, shown to your colleague"),
        max_length=1000,
        required=False,  # the service asks for it, saying why it matters
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InspirationSourceForm(forms.Form):
    url = forms.URLField(
        label=_("Feed address (RSS or Atom)"), max_length=2000, assume_scheme="https"
    )
    name = forms.CharField(label=_("Name"), max_length=120, required=False)


class TopicForm(forms.Form):
    name = forms.CharField(label=_("New topic"), max_length=80)


class FollowTopicsForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(
        Topic.objects.all(),
        label=_("Topics you follow"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Items on these topics come first in your feed."),
    )
