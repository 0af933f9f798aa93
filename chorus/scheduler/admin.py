from django.contrib import admin

from chorus.scheduler.models import ScheduledRun


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    list_display = ["job", "slot", "state", "attempts", "worker", "finished_at"]
    list_filter = ["state", "job"]
    readonly_fields = [field.name for field in ScheduledRun._meta.fields]
