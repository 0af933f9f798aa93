"""The demo's academy and program health: a second version of the guidelines that most have
accepted, lesson progress and onboarding (most done long ago, a few recent joiners stuck part
way), a few announcements (the last about three weeks ago), questions (some in the FAQ, some
overdue) and one hostile reaction waiting for an answer.

It follows demo_sharing: shares decide who was around when. Loading it twice changes nothing:
every row is found by a natural key (version note, person and lesson, title, text) first.
"""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from chorus.academy.models import (
    Guidelines,
    GuidelinesAcceptance,
    Lesson,
    LessonProgress,
    Onboarding,
    Question,
)
from chorus.accounts.models import AdvocacyMembership, User
from chorus.notifications.models import Announcement
from chorus.sharing.models import ReactionFlag, Share

DAY = dt.timedelta(days=1)
OWNER = "owner@example.com"
CURATOR = "curator@example.com"
DEMO_LOGIN = "advocate@example.com"
# The one lesson the demo login has still to read: optional, so onboarding is complete.
DEMO_LOGIN_UNREAD = "when-to-publish"

# Version 2 of the guidelines: a new section before the last one, in every language.
GUIDELINES_V2_DAYS = 24
GUIDELINES_V2_NOTE = "New: a section on AI writing tools."
AI_SECTION = {
    "en": "## AI writing tools\n\nYou may use AI tools to polish a post, but never paste "
    "confidential information, customer details or unpublished figures into them. Read what the "
    "tool wrote before you post: you are the author, and it should still sound like you.",
    "pl": "## Narzędzia AI do pisania\n\nMożesz korzystać z narzędzi AI, aby dopracować post, "
    "ale nigdy nie wklejaj do nich informacji poufnych, danych klientów ani nieopublikowanych "
    "liczb. Zanim opublikujesz, przeczytaj, co napisało narzędzie: to Ty jesteś autorem i post "
    "nadal powinien brzmieć jak Ty.",
    "th": "## เครื่องมือ AI ช่วยเขียน\n\nคุณใช้เครื่องมือ AI ช่วยเกลาโพสต์ได้ "
    "แต่ห้ามวางข้อมูลที่เป็นความลับ ข้อมูลลูกค้า "
    "หรือตัวเลขที่ยังไม่เปิดเผยลงในเครื่องมือเหล่านั้น "
    "อ่านสิ่งที่เครื่องมือเขียนให้ก่อนโพสต์เสมอ "
    "เพราะคุณคือผู้เขียน และโพสต์ควรยังเป็นน้ำเสียงของคุณเอง",
}
# Those who stopped sharing before version 2 came out have not been back to accept it.
NOT_ACCEPTED_V2 = {
    "anna.kowalczyk@example.com",
    "zofia.dabrowska@example.com",
    "oliver.hughes@example.com",
}

# Recent joiners stuck part way: (topics chosen, networks told, required lessons done).
STUCK = {
    "jakub.mazur@example.com": (True, False, 1),
    "anong.phrom@example.com": (False, False, 0),
    "wichai.rattanakorn@example.com": (True, True, 2),
    "pimchanok.suwan@example.com": (True, True, 3),
}

# (days ago, title, body); the last one about three weeks ago.
ANNOUNCEMENTS = [
    (
        100,
        "Welcome to Acme Voices",
        "Thank you for joining! Everything in the feed is yours to share, **in your own words**. "
        "Start with the short lessons in the Academy: they take about fifteen minutes.",
    ),
    (
        61,
        "Acme Field 5.0 is coming",
        "Our biggest release this year goes out soon. Sample posts are ready in the feed; "
        "please don't promise a date for the tablet version yet.",
    ),
    (
        38,
        "Connect London: share the speaker line-up",
        "The speakers for Connect London are announced. If you will be there, the week before "
        "is the best time to share it.",
    ),
    (
        21,
        "Thank you: 1,000 clicks in a month",
        "Your posts brought more than a thousand people to our pages last month, most of them "
        "from LinkedIn. Posts with a sentence of your own drew twice the clicks. Keep it up!",
    ),
]

# (asker, days ago, text, answer or "", answered days ago, FAQ question or "")
QUESTIONS = [
    (
        "piotr.wisniewski@example.com",
        80,
        "Can I share an English item with a Polish comment?",
        "Yes, please do: a sentence in the language your network reads is what makes a post "
        "yours. The link and the disclosure tag stay the same.",
        79,
        "Can I share an item with a comment in another language?",
    ),
    (
        "malee.boonmee@example.com",
        40,
        "Does the company see my LinkedIn account or my followers?",
        "No. Chorus only knows what you share through it and the clicks on its tracked links. "
        "Your audience size is optional and only you decide to enter it.",
        39,
        "Does the company see my social media accounts?",
    ),
    (
        "sophie.turner@example.com",
        33,
        "Do I have to share every job opening?",
        "Not at all. Share what you would recommend to a friend; one or two posts a week is "
        "plenty.",
        33,
        "Do I have to share everything in the feed?",
    ),
    (
        "daniel.evans@example.com",
        18,
        "Can I post a photo from our support team's offsite?",
        "Yes, if everyone in the photo agreed to it and no screens or whiteboards show "
        "internal material.",
        17,
        "",
    ),
    (
        "kittipong.saelim@example.com",
        9,
        "Is there a Thai version of the sample posts for the Q3 results?",
        "",
        None,
        "",
    ),
    (
        "nattaya.wongsa@example.com",
        6,
        "Can I share a post from a customer who tagged our team?",
        "",
        None,
        "",
    ),
    (
        "siriporn.thongchai@example.com",
        0.15,
        "Which network works best for reaching buyers in Thailand?",
        "",
        None,
        "",
    ),
]

# The open report: a keen sharer's recent post drew a hostile reply.
FLAG_BY = "krzysztof.kaminski@example.com"
FLAG_HOURS_AGO = 30
FLAG_NOTE = (
    "Someone keeps replying under my post that our prices are a scam and that I am a paid "
    "puppet. Should I answer?"
)
FLAG_URL = "https://www.linkedin.com/feed/update/urn:li:activity:demo/"


@transaction.atomic
def demo_academy_load() -> dict[str, int]:
    """Create (or complete) the demo's academy rows; returns how many of each were created."""
    created = dict.fromkeys(
        (
            "guidelines_versions",
            "guidelines_acceptances",
            "lessons_done",
            "onboardings",
            "announcements",
            "questions",
            "reaction_flags",
        ),
        0,
    )
    now = timezone.now()
    rng = random.Random(61)  # noqa: S311 - invented demo data, repeatable on purpose
    people = {u.email: u for u in User.objects.filter(email__endswith="@example.com")}
    owner = people.get(OWNER)
    if owner is None:
        return created
    members = list(
        AdvocacyMembership.objects.active()
        .filter(user__email__endswith="@example.com")
        .select_related("user")
        .order_by("user__email")
    )
    _guidelines(created, rng, owner, members, now)
    _lessons(created, rng, members, now)
    _announcements(created, owner, now)
    _questions(created, people, now)
    _flag(created, people, now)
    return created


def _guidelines(created, rng, owner, members, now) -> None:
    """Version 1 accepted on joining, version 2 a few weeks ago, accepted by most since."""
    first = Guidelines.objects.order_by("version").first()
    if first is None:
        return
    second = Guidelines.objects.filter(note=GUIDELINES_V2_NOTE).first()
    if second is None and Guidelines.objects.count() == 1:
        # Version 1 came with the installation, a little before the program launched.
        launch = min((m.joined_at for m in members), default=now)
        if first.created_at > launch:
            Guidelines.objects.filter(pk=first.pk).update(created_at=launch - 7 * DAY)
            first.created_at = launch - 7 * DAY
        texts = {
            code: _with_section(text, AI_SECTION.get(code)) for code, text in first.texts.items()
        }
        second = Guidelines.objects.create(
            version=first.version + 1,
            texts=texts,
            hate_advice=first.hate_advice,
            note=GUIDELINES_V2_NOTE,
            published_by=owner,
        )
        at = now - GUIDELINES_V2_DAYS * DAY
        Guidelines.objects.filter(pk=second.pk).update(created_at=at, updated_at=at)
        second.created_at = at
        created["guidelines_versions"] += 1
    for membership in members:
        user, joined = membership.user, membership.joined_at
        if second is None or joined < second.created_at:
            created["guidelines_acceptances"] += _accept(user, first, joined)
        if second is None:
            continue
        if joined >= second.created_at:
            # Joined after version 2 came out: what they accepted on joining was version 2.
            if not GuidelinesAcceptance.objects.filter(user=user, guidelines=second).exists():
                GuidelinesAcceptance.objects.filter(
                    user=user, guidelines=first, created_at__gte=second.created_at
                ).update(guidelines=second)
            created["guidelines_acceptances"] += _accept(user, second, joined)
        elif user.email not in NOT_ACCEPTED_V2:
            # Within a few days, and before their first share under the new version.
            at = second.created_at + dt.timedelta(hours=rng.uniform(2, 96))
            first_share = (
                Share.objects.filter(advocate=user, created_at__gt=second.created_at)
                .order_by("created_at")
                .values_list("created_at", flat=True)
                .first()
            )
            if first_share is not None:
                at = min(at, first_share - dt.timedelta(minutes=5))
            at = min(max(at, second.created_at + dt.timedelta(minutes=1)), now)
            created["guidelines_acceptances"] += _accept(user, second, at)


def _with_section(text: str, section: str | None) -> str:
    """The text with `section` before its last heading (where the contact section is)."""
    if not section:
        return text
    head, found, tail = text.rpartition("\n## ")
    return f"{head}\n\n{section}\n{found}{tail}" if found else f"{text}\n\n{section}"


def _accept(user, guidelines, at) -> int:
    acceptance, was_created = GuidelinesAcceptance.objects.get_or_create(
        user=user, guidelines=guidelines
    )
    if was_created:
        GuidelinesAcceptance.objects.filter(pk=acceptance.pk).update(created_at=at, updated_at=at)
    return int(was_created)


def _lessons(created, rng, members, now) -> None:
    """Most finished onboarding in their first days; the stuck ones stopped part way."""
    lessons = list(
        Lesson.objects.filter(is_published=True, course__is_published=True).order_by(
            "course__position", "course_id", "position", "pk"
        )
    )
    required = [lesson for lesson in lessons if lesson.required]
    optional = [lesson for lesson in lessons if not lesson.required]
    for membership in members:
        user, joined = membership.user, membership.joined_at
        if Onboarding.objects.filter(user=user).exists():
            continue  # this person's onboarding is there already (a second load, or real use)
        stuck = STUCK.get(user.email)
        if stuck:
            topics, networks, done = stuck
            read = required[:done]
        else:
            topics = networks = True
            if user.email == DEMO_LOGIN:
                read = [lesson for lesson in lessons if lesson.key != DEMO_LOGIN_UNREAD]
            else:
                read = required + [lesson for lesson in optional if rng.random() < 0.45]
        at = joined + dt.timedelta(minutes=rng.randint(10, 90))
        steps = {}
        if topics:
            steps["topics_at"] = at = at + dt.timedelta(minutes=rng.randint(2, 10))
        if networks:
            steps["networks_at"] = at = at + dt.timedelta(minutes=rng.randint(2, 10))
        last_required = at
        for lesson in [*(r for r in required if r in read), *(o for o in optional if o in read)]:
            # The required ones first, over the first days; optional ones over the weeks after.
            gap = rng.uniform(0.2, 1.5) if lesson.required else rng.uniform(0.5, 12)
            at = min(at + gap * DAY, now - dt.timedelta(minutes=rng.randint(5, 600)))
            if lesson.required:
                last_required = at
            progress, was_created = LessonProgress.objects.get_or_create(
                user=user, lesson=lesson, defaults={"completed_at": at}
            )
            if was_created:
                LessonProgress.objects.filter(pk=progress.pk).update(created_at=at, updated_at=at)
                created["lessons_done"] += 1
        completed = None if stuck else min(last_required + dt.timedelta(minutes=1), now)
        onboarding = Onboarding.objects.create(user=user, completed_at=completed, **steps)
        Onboarding.objects.filter(pk=onboarding.pk).update(created_at=joined)
        created["onboardings"] += 1


def _announcements(created, owner, now) -> None:
    for days, title, body in ANNOUNCEMENTS:
        if Announcement.objects.filter(title=title).exists():
            continue
        at = now - days * DAY
        announcement = Announcement.objects.create(
            title=title, body=body, created_by=owner, published_at=at
        )
        Announcement.objects.filter(pk=announcement.pk).update(created_at=at, updated_at=at)
        created["announcements"] += 1


def _questions(created, people, now) -> None:
    team = people.get(CURATOR)
    for position, (email, days, text, answer, answered_days, faq) in enumerate(QUESTIONS):
        asker = people.get(email)
        if asker is None or Question.objects.filter(asked_by=asker, text=text).exists():
            continue
        at = now - days * DAY
        question = Question.objects.create(
            asked_by=asker,
            text=text,
            language="en",
            answer=answer,
            answered_by=team if answer else None,
            answered_at=now - answered_days * DAY if answer else None,
            in_faq=bool(faq),
            faq_question=faq,
            faq_position=position,
        )
        Question.objects.filter(pk=question.pk).update(created_at=at, updated_at=at)
        created["questions"] += 1


def _flag(created, people, now) -> None:
    """One open report, not yet answered, on a recent share of the person who made it."""
    advocate = people.get(FLAG_BY)
    if advocate is None or ReactionFlag.objects.filter(note=FLAG_NOTE).exists():
        return
    at = now - dt.timedelta(hours=FLAG_HOURS_AGO)
    share = (
        Share.objects.filter(advocate=advocate, created_at__lt=at - dt.timedelta(hours=6))
        .order_by("-created_at")
        .first()
    )
    if share is None:
        return
    flag = ReactionFlag.objects.create(
        share=share, reported_by=advocate, url=FLAG_URL, note=FLAG_NOTE
    )
    ReactionFlag.objects.filter(pk=flag.pk).update(created_at=at, updated_at=at)
    created["reaction_flags"] += 1
