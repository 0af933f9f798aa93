from django.contrib import admin

from chorus.content.models import (
    ContentImage,
    ContentItem,
    InspirationEntry,
    InspirationSource,
    SamplePost,
    Suggestion,
    Topic,
)


class SamplePostInline(admin.TabularInline):
    model = SamplePost
    extra = 0


class ContentImageInline(admin.TabularInline):
    model = ContentImage
    extra = 0


@admin.register(ContentItem)
class ContentItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "language", "publish_at", "expires_at", "featured"]
    list_filter = ["kind", "language", "featured", "shareable", "regulated"]
    search_fields = ["title", "url", "note"]
    filter_horizontal = ["topics", "audience_departments", "audience_locations"]
    raw_id_fields = ["created_by", "suggested_by"]
    inlines = [SamplePostInline, ContentImageInline]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    filter_horizontal = ["followers"]


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "suggested_by", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["suggested_by", "reviewed_by", "item"]


@admin.register(InspirationSource)
class InspirationSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "last_polled_at", "last_error"]


@admin.register(InspirationEntry)
class InspirationEntryAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "published_at", "item"]
    list_filter = ["source"]
    raw_id_fields = ["item"]
