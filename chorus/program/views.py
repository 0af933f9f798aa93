from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from chorus.accounts.permissions import owner_required
from chorus.core.errors import ChorusError
from chorus.program import services
from chorus.program.choices import NETWORKS
from chorus.program.forms import AnalyticsSettingsForm, ProgramSettingsForm
from chorus.program.selectors import program_settings_get


@owner_required
def settings_edit(request):
    program = program_settings_get()
    initial = {
        "name": program.name,
        "networks": program.networks,
        "allowed_signup_domains": "\n".join(program.allowed_signup_domains),
        "default_language": program.default_language,
        "disclosure_tag": program.disclosure_tag,
        "company_domains": "\n".join(program.company_domains),
    }
    form = ProgramSettingsForm(request.POST or None, request.FILES or None, initial=initial)
    if not program.logo:
        del form.fields["remove_logo"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.program_settings_update(
                name=data["name"],
                networks=data["networks"],
                allowed_signup_domains=services.domains_parse(data["allowed_signup_domains"]),
                default_language=data["default_language"],
                logo=data["logo"],
                remove_logo=data.get("remove_logo", False),
                disclosure_tag=data["disclosure_tag"],
                company_domains=services.domains_parse(
                    data["company_domains"], field="company_domains"
                ),
            )
        except ChorusError as error:
            error.add_to(form)
        else:
            messages.success(request, _("The program settings are saved."))
            return redirect("program:settings")
    return render(request, "program/settings.html", {"form": form, "program": program})


@owner_required
def analytics_settings_edit(request):
    """Privacy of the dashboards and the rates behind the earned media value."""
    program = program_settings_get()
    networks = [(key, label) for key, label in NETWORKS if key in program.networks]
    initial = {
        "individual_figures": program.individual_figures,
        "headcount": program.headcount,
        "currency": program.currency,
    }
    for key, _label in networks:
        rates = (program.emv_rates or {}).get(key) or {}
        initial[f"cpc_{key}"] = rates.get("cpc")
        initial[f"cpm_{key}"] = rates.get("cpm")
    form = AnalyticsSettingsForm(request.POST or None, initial=initial, networks=networks)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.program_analytics_update(
                individual_figures=data["individual_figures"],
                emv_rates=form.rates(),
                currency=data["currency"],
                headcount=data["headcount"],
            )
        except ChorusError as error:
            error.add_to(form)
        else:
            messages.success(request, _("The analytics settings are saved."))
            return redirect("program:analytics-settings")
    rate_rows = [(label, form[f"cpc_{key}"], form[f"cpm_{key}"]) for key, label in networks]
    return render(
        request, "program/analytics_settings.html", {"form": form, "rate_rows": rate_rows}
    )
