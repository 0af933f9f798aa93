from django.contrib import admin

from chorus.digests.models import DigestSend


@admin.register(DigestSend)
class DigestSendAdmin(admin.ModelAdmin):
    list_display = ["user", "period", "state", "items", "attempts", "sent_at"]
    list_filter = ["state"]
    search_fields = ["user__email", "period"]
    readonly_fields = ["user", "period", "token", "sent_at", "attempts", "items"]
