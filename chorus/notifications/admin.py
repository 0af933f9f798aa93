from django.contrib import admin

from chorus.notifications.models import Announcement, ChatDelivery, ChatWebhook


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["title", "published_at", "created_by"]
    date_hierarchy = "published_at"


@admin.register(ChatWebhook)
class ChatWebhookAdmin(admin.ModelAdmin):
    list_display = ["name", "service", "is_active", "consecutive_failures", "last_success_at"]
    list_filter = ["service", "is_active"]
    # The URL is the channel's secret: it is set on the owners' page, not shown here.
    exclude = ["url"]
    readonly_fields = [
        "last_success_at",
        "last_failure_at",
        "failing_since",
        "last_error",
        "consecutive_failures",
    ]

    def has_add_permission(self, request):
        return False  # added on the owners' page, which checks the address


@admin.register(ChatDelivery)
class ChatDeliveryAdmin(admin.ModelAdmin):
    list_display = ["key", "webhook", "event", "state", "attempts", "status_code", "created_at"]
    list_filter = ["state", "event"]
    list_select_related = ["webhook"]
    readonly_fields = ["webhook", "key", "event", "payload", "sent_at"]
