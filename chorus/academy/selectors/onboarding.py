"""Where a person stands in onboarding, and what comes next."""

from dataclasses import dataclass

from chorus.academy.models import LessonProgress, Onboarding
from chorus.academy.selectors.courses import required_lessons
from chorus.academy.selectors.guidelines import guidelines_accepted

STEPS = ("guidelines", "topics", "networks", "lessons", "done")


@dataclass(frozen=True)
class OnboardingStatus:
    guidelines: bool
    topics: bool
    networks: bool
    lessons_done: int
    lessons_required: int
    completed_at: object

    @property
    def lessons(self) -> bool:
        return self.lessons_done >= self.lessons_required

    @property
    def complete(self) -> bool:
        """Required lessons done and the current guidelines accepted (topics and networks are
        asked for, and may be skipped)."""
        return self.guidelines and self.lessons

    @property
    def next_step(self) -> str:
        for step in STEPS[:-1]:
            if not getattr(self, step):
                return step
        return "done"

    @property
    def steps_done(self) -> int:
        return sum(bool(getattr(self, step)) for step in STEPS[:-1])


def onboarding_status(*, user) -> OnboardingStatus:
    state = Onboarding.objects.filter(user=user).first()
    required = required_lessons()
    done = LessonProgress.objects.filter(user=user, lesson__in=required).count()
    return OnboardingStatus(
        guidelines=guidelines_accepted(user=user),
        topics=bool(state and state.topics_at),
        networks=bool(state and state.networks_at),
        lessons_done=done,
        lessons_required=required.count(),
        completed_at=state.completed_at if state else None,
    )
