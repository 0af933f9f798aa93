"""The default guidelines and curriculum that ship with Chorus, read from curriculum/.

curriculum.toml holds the structure; <language>/ holds courses.toml (titles and summaries),
<course>/<lesson>.md (first line "# Title", then the body), optional <lesson>.quiz (see quiz.py),
guidelines.md and hate.md.
"""

import tomllib
from pathlib import Path

from django.conf import settings
from django.db import transaction

from chorus.academy.models import Course, CourseText, Guidelines, Lesson, LessonText
from chorus.academy.quiz import quiz_parse

ROOT = Path(__file__).resolve().parent / "curriculum"


def _languages() -> list[str]:
    return [code for code, _label in settings.LANGUAGES if (ROOT / code).is_dir()]


def _title_and_body(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n").strip()
    first, _newline, rest = text.partition("\n")
    return first.removeprefix("#").strip(), rest.strip()


def default_guidelines() -> tuple[dict[str, str], dict[str, str]]:
    """The shipped guidelines and hate advice, language → Markdown."""
    texts, advice = {}, {}
    for language in _languages():
        folder = ROOT / language
        if (folder / "guidelines.md").exists():
            texts[language] = (folder / "guidelines.md").read_text(encoding="utf-8").strip()
        if (folder / "hate.md").exists():
            advice[language] = (folder / "hate.md").read_text(encoding="utf-8").strip()
    return texts, advice


@transaction.atomic
def curriculum_install(*, update_texts: bool = False) -> dict[str, int]:
    """Add the shipped courses, lessons and texts that are missing (found by their keys).

    Owners' changes stay: an existing text is rewritten only with update_texts.
    """
    created = {"courses": 0, "lessons": 0, "texts": 0}
    structure = tomllib.loads((ROOT / "curriculum.toml").read_text(encoding="utf-8"))
    languages = _languages()
    names = {
        language: tomllib.loads((ROOT / language / "courses.toml").read_text(encoding="utf-8"))
        for language in languages
        if (ROOT / language / "courses.toml").exists()
    }
    for course_position, spec in enumerate(structure.get("course", []), start=1):
        course, was_created = Course.objects.get_or_create(
            key=spec["key"], defaults={"position": course_position * 10}
        )
        created["courses"] += was_created
        for language, titles in names.items():
            if spec["key"] not in titles:
                continue
            values = {
                "title": titles[spec["key"]]["title"],
                "summary": titles[spec["key"]].get("summary", ""),
            }
            created["texts"] += _put(
                CourseText, {"course": course, "language": language}, values, update_texts
            )
        for lesson_position, lesson_spec in enumerate(spec.get("lesson", []), start=1):
            lesson, was_created = Lesson.objects.get_or_create(
                course=course,
                key=lesson_spec["key"],
                defaults={
                    "position": lesson_position * 10,
                    "required": lesson_spec.get("required", False),
                    "minutes": lesson_spec.get("minutes", 3),
                    "video_url": lesson_spec.get("video_url", ""),
                },
            )
            created["lessons"] += was_created
            for language in languages:
                path = ROOT / language / spec["key"] / f"{lesson_spec['key']}.md"
                if not path.exists():
                    continue
                title, body = _title_and_body(path)
                quiz_path = path.with_suffix(".quiz")
                quiz = (
                    quiz_parse(quiz_path.read_text(encoding="utf-8")) if quiz_path.exists() else []
                )
                values = {"title": title, "body": body, "quiz": quiz}
                created["texts"] += _put(
                    LessonText, {"lesson": lesson, "language": language}, values, update_texts
                )
    return created


def _put(model, keys: dict, values: dict, update: bool) -> int:
    row = model.objects.filter(**keys).first()
    if row is None:
        model.objects.create(**keys, **values)
        return 1
    if update:
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
    return 0


def guidelines_install() -> Guidelines | None:
    """Version 1 of the guidelines, from the shipped text, when there is no version yet."""
    if Guidelines.objects.exists():
        return None
    texts, advice = default_guidelines()
    return Guidelines.objects.create(version=1, texts=texts, hate_advice=advice)


def install_after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate: a new installation gets the defaults; an existing one is left as it is."""
    if using != "default" or not (ROOT / "curriculum.toml").exists():
        return
    if not Guidelines.objects.using(using).exists():
        guidelines_install()
    if not Course.objects.using(using).exists():
        curriculum_install()
