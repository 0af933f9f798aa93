from datetime import datetime

from ninja import Schema


class ErrorOut(Schema):
    detail: str
    code: str


class MembershipOut(Schema):
    joined_at: datetime


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    job_title: str
    department: str | None
    location: str | None
    preferred_languages: list[str]
    language: str
    time_zone: str
    role: str
    is_advocate: bool
    advocate_since: datetime | None
