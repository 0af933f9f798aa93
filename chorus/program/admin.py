from django.contrib import admin

from chorus.program.models import ProgramSettings, PulseSurvey


@admin.register(ProgramSettings)
class ProgramSettingsAdmin(admin.ModelAdmin):
    list_display = ["name", "default_language"]


@admin.register(PulseSurvey)
class PulseSurveyAdmin(admin.ModelAdmin):
    """Surveys only: the answers are anonymous and are read through the readiness page."""

    list_display = ["opened_at", "closed_at", "opened_by"]
    # Opened and closed on the readiness page only: reopening a closed survey would let one
    # more answer be read off the change in its results.
    readonly_fields = ["opened_by", "opened_at", "closed_at"]

    def has_add_permission(self, request):
        return False
