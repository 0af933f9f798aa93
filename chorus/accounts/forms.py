from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from chorus.accounts.models import Department, Location, User
from chorus.accounts.services import PROFILE_FIELDS
from chorus.core.languages import CONTENT_LANGUAGES


class InvitationAcceptForm(forms.Form):
    display_name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    display_name = forms.CharField(label=_("Name"), max_length=150, required=False)
    department = forms.ModelChoiceField(
        Department.objects.all(), label=_("Department"), required=False
    )
    location = forms.ModelChoiceField(Location.objects.all(), label=_("Location"), required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("Program default")), *settings.LANGUAGES],
        required=False,
    )
    role = forms.ChoiceField(label=_("Role"), choices=User.Role.choices, initial=User.Role.ADVOCATE)


class InvitationImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: name, email, department, location, language (en, pl or th)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 2 MB; please split it."))
        return upload


class ProfileForm(forms.ModelForm):
    preferred_languages = forms.MultipleChoiceField(
        label=_("Languages you read"),
        choices=CONTENT_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Content in these languages is shown to you first."),
    )

    class Meta:
        model = User
        fields = list(PROFILE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Follow my browser")), *settings.LANGUAGES]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. my reporting script")}),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=User.Role.choices)
