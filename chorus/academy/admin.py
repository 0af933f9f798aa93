from django.contrib import admin

from chorus.academy.models import (
    Course,
    CourseText,
    Guidelines,
    GuidelinesAcceptance,
    Lesson,
    LessonImage,
    LessonText,
    Question,
)


@admin.register(Guidelines)
class GuidelinesAdmin(admin.ModelAdmin):
    list_display = ["version", "created_at", "published_by", "note"]
    raw_id_fields = ["published_by"]


@admin.register(GuidelinesAcceptance)
class GuidelinesAcceptanceAdmin(admin.ModelAdmin):
    """Evidence of who accepted which version: read only."""

    list_display = ["user", "guidelines", "created_at"]
    list_filter = ["guidelines"]
    search_fields = ["user__email", "user__display_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CourseTextInline(admin.TabularInline):
    model = CourseText
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["key", "position", "is_published"]
    inlines = [CourseTextInline]


class LessonTextInline(admin.StackedInline):
    model = LessonText
    extra = 0


class LessonImageInline(admin.TabularInline):
    model = LessonImage
    extra = 0


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["__str__", "position", "required", "minutes", "is_published"]
    list_filter = ["course", "required", "is_published"]
    inlines = [LessonTextInline, LessonImageInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "asked_by", "created_at", "answered_at", "in_faq"]
    list_filter = ["in_faq"]
    search_fields = ["text", "answer"]
    raw_id_fields = ["asked_by", "answered_by"]
