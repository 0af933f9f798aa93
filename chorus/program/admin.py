from django.contrib import admin

from chorus.program.models import ProgramSettings


@admin.register(ProgramSettings)
class ProgramSettingsAdmin(admin.ModelAdmin):
    list_display = ["name", "default_language"]
