"""Guidelines and their acceptance, courses and lessons, progress, onboarding, questions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chorus.core.models import BaseModel

UI_LANGUAGES = settings.LANGUAGES


class Guidelines(BaseModel):
    """One version of the program's social-media guidelines, in each interface language.

    A new version asks every advocate to accept again; a correction keeps the version.
    """

    version = models.PositiveIntegerField(_("version"), unique=True)
    # Language code → Markdown.
    texts = models.JSONField(_("guidelines"), default=dict)
    hate_advice = models.JSONField(_("advice when a post attracts hate"), default=dict)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-version"]
        verbose_name = _("guidelines")
        verbose_name_plural = _("guidelines")

    def __str__(self):
        return f"v{self.version}"


class GuidelinesAcceptance(BaseModel):
    """A person accepted one version of the guidelines (created_at is when)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guidelines_acceptances"
    )
    guidelines = models.ForeignKey(Guidelines, on_delete=models.CASCADE, related_name="acceptances")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("acceptance of the guidelines")
        verbose_name_plural = _("acceptances of the guidelines")
        constraints = [
            models.UniqueConstraint(fields=["user", "guidelines"], name="accept_guidelines_once")
        ]


class Course(BaseModel):
    """A short course; its texts live in CourseText, one row per language."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_published = models.BooleanField(_("visible to advocates"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self):
        return self.key


class CourseText(BaseModel):
    """A course's title and summary in one language."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=8, choices=UI_LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("course text")
        verbose_name_plural = _("course texts")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "language"], name="one_course_text_per_language"
            )
        ]

    def __str__(self):
        return self.title


class Lesson(BaseModel):
    """A short lesson of a course; required lessons are part of onboarding."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    key = models.SlugField(_("key"), max_length=80)
    position = models.PositiveIntegerField(_("position"), default=0)
    required = models.BooleanField(
        _("required for onboarding"),
        default=False,
        help_text=_("Onboarding is complete when every required lesson is done."),
    )
    minutes = models.PositiveSmallIntegerField(_("minutes to read"), default=3)
    video_url = models.URLField(
        _("video link"),
        blank=True,
        help_text=_("A link to a video, shown beside the lesson; nothing is embedded."),
    )
    is_published = models.BooleanField(_("visible to advocates"), default=True)

    class Meta:
        ordering = ["course__position", "course_id", "position", "pk"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        constraints = [
            models.UniqueConstraint(fields=["course", "key"], name="lesson_key_unique_in_course")
        ]

    def __str__(self):
        return f"{self.course.key}/{self.key}"


class LessonText(BaseModel):
    """A lesson in one language: title, Markdown body and an optional quiz."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=8, choices=UI_LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=30_000, blank=True)
    # [{"question": str, "choices": [str, …], "answer": index, "explanation": str}]
    quiz = models.JSONField(_("quiz"), default=list, blank=True)

    class Meta:
        verbose_name = _("lesson text")
        verbose_name_plural = _("lesson texts")
        constraints = [
            models.UniqueConstraint(
                fields=["lesson", "language"], name="one_lesson_text_per_language"
            )
        ]

    def __str__(self):
        return self.title


class LessonImage(BaseModel):
    """An image uploaded for a lesson, placed in its text with Markdown."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to="academy/")
    alt_text = models.CharField(_("description for screen readers"), max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("lesson image")
        verbose_name_plural = _("lesson images")


class LessonProgress(BaseModel):
    """A person finished a lesson (and, where it has a quiz, answered it all correctly)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="progress")
    completed_at = models.DateTimeField(_("completed"))

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="lesson_done_once")]


class Onboarding(BaseModel):
    """Where a person stands in onboarding: which steps they finished or skipped, and when it
    was complete (the required lessons done and the current guidelines accepted)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="onboarding"
    )
    topics_at = models.DateTimeField(_("topics chosen"), null=True, blank=True)
    networks_at = models.DateTimeField(_("networks told"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("onboarding")
        verbose_name_plural = _("onboardings")


class ProfileChecklist(BaseModel):
    """The items of the LinkedIn profile self-check a person ticked; private to them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile_checklist"
    )
    done = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("profile checklist")
        verbose_name_plural = _("profile checklists")


class QuestionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(answered_at__isnull=True, closed_at__isnull=True)

    def faq(self):
        return self.filter(in_faq=True, answered_at__isnull=False)


class Question(BaseModel):
    """An advocate's question to the team; an answered one can become a public FAQ entry."""

    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="questions",
        verbose_name=_("asked by"),
    )
    text = models.TextField(_("question"), max_length=3000)
    language = models.CharField(_("language"), max_length=8, blank=True)
    answer = models.TextField(_("answer"), max_length=10_000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed without answer"), null=True, blank=True)
    in_faq = models.BooleanField(_("shown in the FAQ"), default=False)
    # The question as the FAQ shows it: reworded, without names.
    faq_question = models.CharField(_("question as shown in the FAQ"), max_length=300, blank=True)
    faq_position = models.PositiveIntegerField(default=0)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        indexes = [models.Index(fields=["answered_at", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(in_faq=False) | Q(answered_at__isnull=False), name="faq_needs_answer"
            )
        ]

    def __str__(self):
        return self.text[:60]
