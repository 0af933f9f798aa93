"""/api/v1/me: who the token belongs to."""

from ninja import Router

from chorus.accounts.selectors import membership_active_for
from chorus.api.schemas import MeOut

router = Router(tags=["me"])


@router.get("/me", response=MeOut, summary="The person this token belongs to")
def me(request):
    user = request.auth
    membership = membership_active_for(user=user)
    return MeOut(
        id=user.pk,
        email=user.email,
        display_name=user.display_name,
        job_title=user.job_title,
        department=user.department.name if user.department_id else None,
        location=user.location.name if user.location_id else None,
        preferred_languages=user.preferred_languages or [],
        language=user.language,
        time_zone=user.time_zone,
        role=user.role,
        is_advocate=membership is not None,
        advocate_since=membership.joined_at if membership else None,
    )
