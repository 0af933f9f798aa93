from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from chorus.academy.models import Lesson

LANGUAGE_NAMES = dict(settings.LANGUAGES)


class GuidelinesForm(forms.Form):
    """The guidelines and the advice on hate, one text box per interface language."""

    note = forms.CharField(
        label=_("What changed"),
        max_length=300,
        required=False,
        help_text=_("Shown to advocates when they are asked to accept again."),
    )
    new_version = forms.BooleanField(
        label=_("This is a change advocates must accept again"),
        required=False,
        initial=True,
        help_text=_("Untick for corrections that change no rule, such as a typo or a translation."),
    )

    def __init__(self, *args, guidelines=None, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("Guidelines (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 16, "lang": code}),
                initial=guidelines.texts.get(code, "") if guidelines else "",
            )
            self.fields[f"hate_{code}"] = forms.CharField(
                label=_("Advice when a post attracts hate (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 8, "lang": code}),
                initial=guidelines.hate_advice.get(code, "") if guidelines else "",
            )

    def language_fields(self):
        return [
            (code, name, self[f"text_{code}"], self[f"hate_{code}"])
            for code, name in settings.LANGUAGES
        ]

    def texts(self, prefix: str) -> dict:
        return {code: self.cleaned_data[f"{prefix}_{code}"] for code, _name in settings.LANGUAGES}


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_published = forms.BooleanField(label=_("Visible to advocates"), required=False, initial=True)


class NewCourseForm(forms.Form):
    title = forms.CharField(label=_("Title of the new course"), max_length=200)
    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)


class NewLessonForm(forms.Form):
    title = forms.CharField(label=_("Title of the new lesson"), max_length=200)


class LessonForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 22}),
        help_text=_(
            "Markdown: ## heading, **bold**, *italic*, - lists, > tip, [link](https://…), "
            "and images as ![description](address) — upload them below and copy their line."
        ),
    )
    quiz = forms.CharField(
        label=_("Quiz"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Optional. “? ” starts a question, “- ” a wrong answer, “* ” the right one, "
            "“> ” an explanation shown afterwards; a blank line between questions."
        ),
    )
    required = forms.BooleanField(label=_("Required for onboarding"), required=False)
    minutes = forms.IntegerField(label=_("Minutes to read"), min_value=1, max_value=120)
    video_url = forms.URLField(
        label=_("Video link"),
        required=False,
        assume_scheme="https",
        help_text=Lesson._meta.get_field("video_url").help_text,
    )
    is_published = forms.BooleanField(label=_("Visible to advocates"), required=False)


class LessonImageForm(forms.Form):
    image = forms.ImageField(label=_("Image"))
    alt_text = forms.CharField(
        label=_("Description for screen readers"), max_length=300, required=False
    )
