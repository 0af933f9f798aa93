"""Pages: the academy for everyone, and its authoring for curators and owners."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chorus.academy.forms import (
    CourseForm,
    LessonForm,
    LessonImageForm,
    NewCourseForm,
    NewLessonForm,
)
from chorus.academy.models import Course, CourseText, Lesson, LessonImage, ProfileChecklist
from chorus.academy.profile import PROFILE_ITEMS
from chorus.academy.quiz import quiz_format
from chorus.academy.selectors import courses as selectors
from chorus.academy.selectors.onboarding import onboarding_status
from chorus.academy.services import courses as services
from chorus.academy.services.onboarding import profile_checklist_set
from chorus.accounts.permissions import curator_required
from chorus.core.errors import ChorusError, NotFoundError

LANGUAGE_NAMES = dict(settings.LANGUAGES)


@login_required
def index(request):
    courses = selectors.courses_for(user=request.user)
    return render(
        request,
        "academy/index.html",
        {
            "courses": courses,
            "status": onboarding_status(user=request.user),
            "done": sum(course.done for course in courses),
            "total": sum(len(course.lessons) for course in courses),
        },
    )


@login_required
def course(request, pk):
    try:
        view = selectors.course_get_for(user=request.user, pk=pk)
    except NotFoundError:
        raise Http404 from None
    return render(request, "academy/course.html", {"course": view})


def _answers(post) -> dict[int, int | None]:
    """The quiz's answers as posted (q<question>=<choice>); anything else is ignored."""
    answers: dict[int, int | None] = {}
    for key, value in post.items():
        number = key[1:]
        if key.startswith("q") and number.isascii() and number.isdecimal() and len(number) < 4:
            short = value.isascii() and value.isdecimal() and len(value) < 4
            answers[int(number)] = int(value) if short else None
    return answers


@login_required
def lesson(request, pk):
    try:
        view = selectors.lesson_get_for(user=request.user, pk=pk)
    except NotFoundError:
        raise Http404 from None
    onboarding = request.GET.get("from") == "onboarding" or request.POST.get("from") == "onboarding"
    results, answers = [], {}
    if request.method == "POST":
        answers = _answers(request.POST)
        progress, results = services.lesson_complete(
            user=request.user, lesson=view.lesson, answers=answers
        )
        if progress is not None:
            messages.success(request, _("Lesson done. Well done!"))
            if onboarding:
                return redirect("home:onboarding")
            following = selectors.lessons_next(user=request.user, lesson=view.lesson)
            if following:
                return redirect("academy:lesson", pk=following.pk)
            return redirect("academy:index")
        messages.error(request, _("Not quite: look again at the questions marked below."))
    quiz = [
        {
            **question,
            "index": index,
            "given": answers.get(index),
            "right": results[index] if results else None,
        }
        for index, question in enumerate(view.quiz)
    ]
    return render(
        request,
        "academy/lesson.html",
        {
            "view": view,
            "quiz": quiz,
            "from_onboarding": onboarding,
            "course": selectors.course_get_for(
                user=request.user, pk=view.lesson.course_id, include_hidden=request.user.is_curator
            ),
            "language_name": LANGUAGE_NAMES.get(view.language, view.language),
        },
    )


@login_required
def profile_checklist(request):
    checklist = ProfileChecklist.objects.filter(user=request.user).first()
    if request.method == "POST":
        checklist = profile_checklist_set(user=request.user, done=request.POST.getlist("done"))
        messages.success(request, _("Saved. Only you can see this list."))
        return redirect("academy:profile-checklist")
    done = set(checklist.done) if checklist else set()
    items = [(item, item.key in done) for item in PROFILE_ITEMS]
    return render(
        request,
        "academy/profile_checklist.html",
        {"items": items, "done": len(done), "total": len(PROFILE_ITEMS)},
    )


# Authoring ---------------------------------------------------------------------------------------


def _language(request) -> str:
    code = request.GET.get("lang") or request.POST.get("lang") or ""
    return code if code in LANGUAGE_NAMES else settings.LANGUAGE_CODE


@curator_required
def manage(request):
    form = NewCourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.course_create(by=request.user, **form.cleaned_data)
        except ChorusError as error:
            error.add_to(form)
        else:
            messages.success(request, _("The course is created. Add its lessons."))
            return redirect(
                reverse("academy:course-edit", args=[created.pk])
                + f"?lang={form.cleaned_data['language']}"
            )
    return render(
        request,
        "academy/manage.html",
        {
            "courses": selectors.courses_for(user=request.user, include_hidden=True),
            "form": form,
        },
    )


@curator_required
@require_POST
def course_move(request, pk):
    try:
        services.course_move(
            by=request.user,
            course=get_object_or_404(Course, pk=pk),
            direction=request.POST.get("direction", ""),
        )
    except ChorusError as error:
        messages.error(request, error.message)
    return redirect("academy:manage")


def _translations(rows, language: str) -> list[tuple[str, str, bool, bool]]:
    have = {row.language for row in rows}
    return [(code, name, code in have, code == language) for code, name in settings.LANGUAGES]


@curator_required
def course_edit(request, pk):
    course_ = get_object_or_404(Course, pk=pk)
    language = _language(request)
    text = CourseText.objects.filter(course=course_, language=language).first()
    initial = {
        "title": text.title if text else "",
        "summary": text.summary if text else "",
        "is_published": course_.is_published,
    }
    is_lesson = "new_lesson" in request.POST
    form = CourseForm(
        request.POST if request.method == "POST" and not is_lesson else None, initial=initial
    )
    lesson_form = NewLessonForm(request.POST if is_lesson else None, prefix="lesson")
    if request.method == "POST" and not is_lesson and form.is_valid():
        try:
            services.course_update(
                by=request.user, course=course_, language=language, **form.cleaned_data
            )
        except ChorusError as error:
            error.add_to(form)
        else:
            messages.success(request, _("The course is saved."))
            return redirect(reverse("academy:course-edit", args=[pk]) + f"?lang={language}")
    if is_lesson and lesson_form.is_valid():
        try:
            created = services.lesson_create(
                by=request.user, course=course_, language=language, **lesson_form.cleaned_data
            )
        except ChorusError as error:
            error.add_to(lesson_form)
        else:
            return redirect(reverse("academy:lesson-edit", args=[created.pk]) + f"?lang={language}")
    return render(
        request,
        "academy/course_edit.html",
        {
            "course": selectors.course_get_for(user=request.user, pk=pk, include_hidden=True),
            "form": form,
            "lesson_form": lesson_form,
            "language": language,
            "language_name": LANGUAGE_NAMES[language],
            "translations": _translations(course_.texts.all(), language),
        },
    )


@curator_required
@require_POST
def lesson_move(request, pk):
    lesson_ = get_object_or_404(Lesson, pk=pk)
    try:
        services.lesson_move(
            by=request.user, lesson=lesson_, direction=request.POST.get("direction", "")
        )
    except ChorusError as error:
        messages.error(request, error.message)
    return redirect(
        reverse("academy:course-edit", args=[lesson_.course_id]) + f"?lang={_language(request)}"
    )


@curator_required
def lesson_edit(request, pk):
    lesson_ = get_object_or_404(Lesson.objects.select_related("course"), pk=pk)
    language = _language(request)
    text = selectors.lesson_text(lesson=lesson_, language=language)
    initial = {
        "title": text.title if text else "",
        "body": text.body if text else "",
        "quiz": quiz_format(text.quiz) if text else "",
        "required": lesson_.required,
        "minutes": lesson_.minutes,
        "video_url": lesson_.video_url,
        "is_published": lesson_.is_published,
    }
    is_image = "upload" in request.POST
    form = LessonForm(
        request.POST if request.method == "POST" and not is_image else None, initial=initial
    )
    image_form = LessonImageForm(
        request.POST if is_image else None, request.FILES if is_image else None
    )
    if request.method == "POST" and not is_image and form.is_valid():
        data = form.cleaned_data
        try:
            services.lesson_update(
                by=request.user,
                lesson=lesson_,
                language=language,
                title=data["title"],
                body=data["body"],
                quiz_text=data["quiz"],
                required=data["required"],
                minutes=data["minutes"],
                video_url=data["video_url"],
                is_published=data["is_published"],
            )
        except ChorusError as error:
            error.add_to(form)
        else:
            messages.success(request, _("The lesson is saved."))
            return redirect(reverse("academy:lesson-edit", args=[pk]) + f"?lang={language}")
    if is_image and image_form.is_valid():
        try:
            services.lesson_image_add(
                by=request.user,
                lesson=lesson_,
                upload=image_form.cleaned_data["image"],
                alt_text=image_form.cleaned_data["alt_text"],
            )
        except ChorusError as error:
            image_form.add_error("image", error.message)
        else:
            messages.success(request, _("The image is uploaded: copy its line into the text."))
            return redirect(reverse("academy:lesson-edit", args=[pk]) + f"?lang={language}#images")
    return render(
        request,
        "academy/lesson_edit.html",
        {
            "lesson": lesson_,
            "form": form,
            "image_form": image_form,
            "images": lesson_.images.all(),
            "language": language,
            "language_name": LANGUAGE_NAMES[language],
            "translations": _translations(lesson_.texts.all(), language),
            "course_title": selectors.course_get_for(
                user=request.user, pk=lesson_.course_id, include_hidden=True
            ).title,
        },
    )


@curator_required
@require_POST
def lesson_image_remove(request, pk):
    image = get_object_or_404(LessonImage, pk=pk)
    services.lesson_image_remove(by=request.user, image=image)
    messages.success(request, _("The image is removed."))
    return redirect(
        reverse("academy:lesson-edit", args=[image.lesson_id])
        + f"?lang={_language(request)}#images"
    )


urlpatterns = [
    path("academy/", index, name="index"),
    path("academy/courses/<int:pk>/", course, name="course"),
    path("academy/lessons/<int:pk>/", lesson, name="lesson"),
    path("academy/profile-checklist/", profile_checklist, name="profile-checklist"),
    path("academy/manage/", manage, name="manage"),
    path("academy/manage/courses/<int:pk>/", course_edit, name="course-edit"),
    path("academy/manage/courses/<int:pk>/move/", course_move, name="course-move"),
    path("academy/manage/lessons/<int:pk>/", lesson_edit, name="lesson-edit"),
    path("academy/manage/lessons/<int:pk>/move/", lesson_move, name="lesson-move"),
    path("academy/manage/images/<int:pk>/remove/", lesson_image_remove, name="lesson-image-remove"),
]
