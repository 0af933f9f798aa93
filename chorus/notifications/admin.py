from django.contrib import admin

from chorus.notifications.models import Announcement


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = ["title", "published_at", "created_by"]
    date_hierarchy = "published_at"
