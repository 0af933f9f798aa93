"""The demo company: departments, locations, about thirty employees and the three demo logins.

Loading it twice changes nothing: every row is found by a natural key before it is created.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from chorus.accounts.models import AdvocacyMembership, Department, Location, User
from chorus.digests.selectors import digest_settings_get
from chorus.home.demo_academy import demo_academy_load
from chorus.home.demo_campaigns import demo_campaigns_load
from chorus.home.demo_content import demo_content_load
from chorus.home.demo_readiness import demo_readiness_load
from chorus.home.demo_sharing import demo_sharing_load
from chorus.program.models import ProgramSettings
from chorus.program.selectors import program_settings_get
from chorus.program.services import program_settings_update

DEMO_PASSWORD = "chorus-demo"  # noqa: S105 - documented demo login

DEPARTMENTS = [
    "Engineering",
    "Marketing",
    "Sales",
    "People & Culture",
    "Customer Success",
    "Finance",
]
LOCATIONS = ["Warsaw", "Bangkok", "London", "Kraków", "Chiang Mai"]

# The program launched about a hundred days ago: most joined then, others in later waves.
# email, name, job title, department, location, languages, role, joined days ago (None: not joined)
LOGINS = [
    (
        "owner@example.com",
        "Olivia Owens",
        "Head of Communications",
        "Marketing",
        "London",
        ["en"],
        User.Role.OWNER,
        102,
    ),
    (
        "curator@example.com",
        "Kasia Nowak",
        "Content Lead",
        "Marketing",
        "Warsaw",
        ["pl", "en"],
        User.Role.CURATOR,
        100,
    ),
    (
        "advocate@example.com",
        "Arthit Chaiyaporn",
        "Software Engineer",
        "Engineering",
        "Bangkok",
        ["th", "en"],
        User.Role.ADVOCATE,
        96,
    ),
]
PEOPLE = [
    ("Piotr Wiśniewski", "Backend Developer", "Engineering", "Warsaw", ["pl", "en"], 95),
    ("Anna Kowalczyk", "Product Designer", "Engineering", "Kraków", ["pl"], 70),
    ("Tomasz Zieliński", "Engineering Manager", "Engineering", "Warsaw", ["pl", "en"], None),
    ("Somchai Srisuk", "DevOps Engineer", "Engineering", "Bangkok", ["th", "en"], 91),
    ("Nattaya Wongsa", "QA Engineer", "Engineering", "Chiang Mai", ["th"], 40),
    ("James Carter", "Frontend Developer", "Engineering", "London", ["en"], None),
    ("Malee Boonmee", "Data Analyst", "Engineering", "Bangkok", ["th", "en"], 42),
    ("Agnieszka Lewandowska", "Brand Manager", "Marketing", "Warsaw", ["pl", "en"], 97),
    ("Chloe Bennett", "Social Media Manager", "Marketing", "London", ["en"], 94),
    ("Kittipong Saelim", "Content Writer", "Marketing", "Bangkok", ["th", "en"], 72),
    ("Marta Wójcik", "Event Manager", "Marketing", "Kraków", ["pl"], None),
    ("Oliver Hughes", "Account Executive", "Sales", "London", ["en"], 74),
    ("Krzysztof Kamiński", "Sales Director", "Sales", "Warsaw", ["pl", "en"], 99),
    ("Siriporn Thongchai", "Sales Manager", "Sales", "Bangkok", ["th", "en"], 68),
    ("Emily Clarke", "Business Developer", "Sales", "London", ["en"], None),
    ("Jakub Mazur", "Account Manager", "Sales", "Kraków", ["pl"], 14),
    ("Wichai Rattanakorn", "Sales Engineer", "Sales", "Chiang Mai", ["th"], 39),
    ("Zofia Dąbrowska", "HR Business Partner", "People & Culture", "Warsaw", ["pl", "en"], 98),
    ("Sophie Turner", "Talent Acquisition Lead", "People & Culture", "London", ["en"], 92),
    ("Pimchanok Suwan", "Recruiter", "People & Culture", "Bangkok", ["th", "en"], 44),
    ("Michał Pawlak", "Learning Specialist", "People & Culture", "Kraków", ["pl"], None),
    ("Daniel Evans", "Support Lead", "Customer Success", "London", ["en"], 93),
    ("Ewa Krawczyk", "Customer Success Manager", "Customer Success", "Warsaw", ["pl", "en"], None),
    ("Anong Phrom", "Support Specialist", "Customer Success", "Chiang Mai", ["th"], 9),
    ("Łukasz Grabowski", "Onboarding Specialist", "Customer Success", "Kraków", ["pl"], None),
    ("Harry Wilson", "Financial Controller", "Finance", "London", ["en"], None),
    ("Joanna Nowicka", "Accountant", "Finance", "Warsaw", ["pl"], None),
]
# Someone who took part and then left: owners see it, and nothing else happens.
LEFT = {"Tomasz Zieliński": (99, 55)}
# People who signed in (days ago) but never joined; the rest who did not join never signed in.
# Those who joined get their last sign-in with their shares (demo_sharing).
SIGNED_IN = {"Tomasz Zieliński": 55, "James Carter": 21, "Emily Clarke": 33, "Ewa Krawczyk": 6}

# The owners' word at the top of every digest e-mail.
DIGEST_INTRO = {
    "en": "Thanks for sharing our stories! Posts in **your own words** work best: pick one "
    "below and make it yours.",
    "pl": "Dziękujemy, że dzielicie się naszymi historiami! Najlepiej działają posty pisane "
    "**własnymi słowami**: wybierz jeden poniżej i zrób go po swojemu.",
    "th": "ขอบคุณที่ช่วยกันแบ่งปันเรื่องราวของเรา! โพสต์ที่เขียนด้วย**คำพูดของคุณเอง**ได้ผลดีที่สุด "
    "เลือกสักเรื่องด้านล่างแล้วเล่าในแบบของคุณ",
}


def _email_for(name: str) -> str:
    ascii_name = name.lower().translate(str.maketrans("ąćęłńóśźż", "acelnoszz")).replace(" ", ".")
    return f"{ascii_name}@example.com"


@transaction.atomic
def demo_load() -> dict[str, int]:
    """Create (or complete) the demo company; returns how many rows were created."""
    created = {"people": 0, "memberships": 0}
    departments = {name: Department.objects.get_or_create(name=name)[0] for name in DEPARTMENTS}
    locations = {name: Location.objects.get_or_create(name=name)[0] for name in LOCATIONS}
    program = program_settings_get()
    if program.name == ProgramSettings._meta.get_field("name").default:
        program_settings_update(
            name="Acme Voices",
            networks=program.networks,
            allowed_signup_domains=program.allowed_signup_domains,
            default_language=program.default_language,
        )
    password = make_password(DEMO_PASSWORD)
    now = timezone.now()
    rows = list(LOGINS) + [
        (_email_for(name), name, title, dept, loc, langs, User.Role.ADVOCATE, days)
        for name, title, dept, loc, langs, days in PEOPLE
    ]
    for email, name, title, dept, loc, langs, role, joined_days in rows:
        known_days = joined_days or (LEFT[name][0] if name in LEFT else 10)
        user, was_created = User.objects.get_or_create(
            email=email,
            defaults={
                "display_name": name,
                "job_title": title,
                "department": departments[dept],
                "location": locations[loc],
                "preferred_languages": langs,
                "role": role,
                "password": password,
                "time_zone": "Asia/Bangkok"
                if loc in ("Bangkok", "Chiang Mai")
                else "Europe/Warsaw"
                if loc in ("Warsaw", "Kraków")
                else "Europe/London",
                "date_joined": now - timedelta(days=known_days + 30),
                "last_login": now - timedelta(days=SIGNED_IN[name]) if name in SIGNED_IN else None,
            },
        )
        created["people"] += was_created
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if name in LEFT and not user.memberships.exists():
            joined, left = LEFT[name]
            AdvocacyMembership.objects.create(
                user=user,
                joined_at=now - timedelta(days=joined),
                left_at=now - timedelta(days=left),
            )
            created["memberships"] += 1
        elif joined_days is not None and not user.memberships.exists():
            AdvocacyMembership.objects.create(
                user=user, joined_at=now - timedelta(days=joined_days)
            )
            created["memberships"] += 1
    digest = digest_settings_get()
    if not digest.intro:
        digest.intro = DIGEST_INTRO
        digest.save(update_fields=["intro", "updated_at"])
    return (
        created
        | demo_content_load()
        | demo_sharing_load()
        | demo_campaigns_load()  # after the shares: it counts some of them for a campaign
        | demo_readiness_load()
        | demo_academy_load()
    )
