"""The demo content hub: topics, about forty items in English, Polish and Thai, suggestions and
an inspiration feed, with generated preview images so it looks complete without internet.

Loading it twice changes nothing: items are found by link (or title), topics by name, the feed by
its address, entries by guid and suggestions by link and person. Existing items are left alone.
"""

import hashlib
import io
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageColor, ImageDraw

from chorus.accounts.models import Department, Location, User
from chorus.content import services
from chorus.content.models import (
    ContentImage,
    ContentItem,
    InspirationEntry,
    InspirationSource,
    Suggestion,
    Topic,
)

Kind = ContentItem.Kind
Category = ContentItem.Category

# Topic name: the two colours of its preview images' gradient.
TOPICS = {
    "Careers": ("#0f766e", "#5eead4"),
    "Product": ("#4338ca", "#a5b4fc"),
    "Engineering": ("#1e3a8a", "#38bdf8"),
    "Sustainability": ("#166534", "#bef264"),
    "Events": ("#be185d", "#fbbf24"),
    "Customer stories": ("#9a3412", "#fdba74"),
    "Culture": ("#7c3aed", "#f9a8d4"),
    "Industry insights": ("#334155", "#94a3b8"),
    "Security": ("#111827", "#10b981"),
    "Design": ("#db2777", "#c4b5fd"),
}
UNTOPICAL_COLOURS = ("#0c4a6e", "#7dd3fc")

# Who follows what (only set for people who follow nothing yet).
FOLLOWS = {
    "advocate@example.com": ["Engineering", "Security", "Culture"],
    "piotr.wisniewski@example.com": ["Engineering", "Product"],
    "chloe.bennett@example.com": ["Events", "Customer stories", "Design"],
    "sophie.turner@example.com": ["Careers", "Culture"],
}

CURATOR = "curator@example.com"


@dataclass(frozen=True)
class DemoItem:
    """One hub item; `at` and `ends` are days from now (None: a draft, or no end)."""

    language: str
    title: str
    description: str
    note: str
    posts: tuple[tuple[str, str], ...]  # (network or "" for all, text)
    at: float | None
    kind: str = Kind.LINK
    category: str = Category.NEWS
    topics: tuple[str, ...] = ()
    url: str = ""
    site_name: str = ""
    ends: float | None = None
    featured: bool = False
    shareable: bool = True
    regulated: bool = False
    departments: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    pictures: tuple[str, ...] = ()  # alt texts of a graphics set
    suggested_by: str = ""


ACME, CAREERS, BLOG, YOUTUBE = "Acme", "Acme Careers", "Acme Blog", "YouTube"

ITEMS = [
    # English -------------------------------------------------------------------------------------
    DemoItem(
        language="en",
        category=Category.NEWS,
        topics=("Product",),
        title="Acme Field 5.0: a full day offline and routes that re-plan themselves",
        url="https://acme.example/news/acme-field-5",
        site_name=ACME,
        description="Technicians can now work a whole shift without signal, and routes re-plan "
        "automatically when a job runs late. Available to every customer from today.",
        note="Our biggest release this year. **Stress the offline mode**: it's what customers "
        "asked for most. Please don't promise a date for the tablet version yet.",
        posts=(
            (
                "",
                "Years ago I watched a technician stand on a roof waving his phone for signal so "
                "he could close a job. Acme Field 5.0 works a full day offline. Proud of this "
                "team.",
            ),
            (
                "linkedin",
                "Today we shipped Acme Field 5.0. The headline for me: technicians can work a "
                "whole shift without signal, and their routes re-plan themselves when a job runs "
                "long. It took a year of testing with customers in basements, lifts and rural "
                "areas to get right. If you run a field team, have a look.",
            ),
            (
                "x",
                "Acme Field 5.0 is out: a full day offline, and routes that re-plan themselves "
                "when a job runs late. A year of work, and I'm very proud of the team.",
            ),
        ),
        at=-1.2,
        featured=True,
    ),
    DemoItem(
        language="en",
        category=Category.JOB,
        topics=("Careers", "Engineering"),
        departments=("Engineering",),
        title="Senior Backend Engineer (Python), Warsaw or remote in Poland",
        url="https://careers.acme.example/jobs/senior-backend-engineer-warsaw",
        site_name=CAREERS,
        description="Join the team behind our scheduling engine: Python, PostgreSQL and plenty of "
        "interesting optimisation problems. Hybrid in Warsaw or fully remote within Poland.",
        note="Referrals count: if someone you recommend is hired, you get the referral bonus. "
        "**Mention the salary range in the ad and the paid on-call rotation shared by eight.**",
        posts=(
            (
                "",
                "We're hiring a senior backend engineer for my team. Python, PostgreSQL, real "
                "optimisation problems, and the salary range is right there in the ad. Happy to "
                "tell you what it's like to work here: just message me.",
            ),
            (
                "linkedin",
                "My team is looking for a senior backend engineer (Python), in Warsaw or remote "
                "in Poland. You'd work on the engine that plans tens of thousands of jobs a day. "
                "On-call is calm, shared by eight people, and paid. If that sounds like you or "
                "someone you know, the link is below.",
            ),
        ),
        at=-3.1,
    ),
    DemoItem(
        language="en",
        category=Category.JOB,
        topics=("Careers", "Customer stories"),
        title="Customer Success Manager, London",
        url="https://careers.acme.example/jobs/customer-success-manager-london",
        site_name=CAREERS,
        description="Look after a portfolio of facility-management and utilities customers across "
        "the UK and help them get the most out of Acme Field.",
        note="**Stress that there is no sales quota**: this role is about customers' success, "
        "not upselling.",
        posts=(
            (
                "",
                "We're looking for a Customer Success Manager to join us in London. No quota, "
                "just helping customers get real value from what we build. Know someone great? "
                "Send them this.",
            ),
        ),
        at=-6.4,
    ),
    DemoItem(
        language="en",
        category=Category.EXPERTISE,
        topics=("Engineering",),
        title="How we halved our API's p95 latency without a rewrite",
        url="https://blog.acme.example/engineering/halving-p95-latency",
        site_name=BLOG,
        description="Three boring changes (connection pooling, one missing index and smarter "
        "caching) took our slowest requests from 900 ms to 420 ms.",
        note="Great for engineers' networks. **The point is that boring fixes win**; no need to "
        "go into every number.",
        posts=(
            (
                "",
                "We took our slowest API requests from 900 ms to 420 ms. No rewrite, no new "
                "framework: connection pooling, one missing index and smarter caching. Boring "
                "fixes win.",
            ),
            (
                "linkedin",
                "One of my favourite pieces from our engineering blog: how we halved our p95 "
                "latency without rewriting anything. The unglamorous lesson is to measure first, "
                "because the biggest win was a single missing index. Worth a read if you run a "
                "busy Python API.",
            ),
            (
                "x",
                "We halved our API's p95 latency without a rewrite. Spoiler: the biggest win was "
                "one missing index.",
            ),
        ),
        at=-2.5,
        featured=True,
    ),
    DemoItem(
        language="en",
        category=Category.ARTICLE,
        topics=("Sustainability",),
        title="Our 2026 sustainability report: 38% fewer empty van kilometres",
        url="https://acme.example/sustainability/report-2026",
        site_name=ACME,
        description="Better route planning saved our customers 4.2 million kilometres this year. "
        "The report also covers our own offices, travel and suppliers.",
        note="Please **quote only the figures in the report**. Don't estimate CO₂ savings "
        "yourself.",
        posts=(
            (
                "",
                "Our customers drove 4.2 million fewer kilometres this year thanks to better "
                "route planning. Glad to work somewhere that publishes the numbers, including the "
                "ones we still need to improve.",
            ),
        ),
        at=-9.3,
    ),
    DemoItem(
        language="en",
        category=Category.EVENT,
        topics=("Events", "Customer stories"),
        title="Acme Connect London: our customer conference is back",
        url="https://acme.example/events/connect-london",
        site_name=ACME,
        description="A day of hands-on workshops, customer talks and the product roadmap in "
        "central London. Free for customers and partners.",
        note="Free for customers and partners. **Mention the hands-on workshops**: they filled "
        "up fastest last year.",
        posts=(
            (
                "",
                "Acme Connect is back in London! If you're a customer or a partner, come and say "
                "hello. The hands-on workshops are the best part, so book early.",
            ),
            (
                "linkedin",
                "Acme Connect returns to London. I'll be running one of the hands-on workshops, "
                "on planning routes for mixed teams of employees and subcontractors. It's free "
                "for customers and partners, and last year the workshops were full within a week.",
            ),
        ),
        at=-4.0,
        featured=True,
    ),
    DemoItem(
        language="en",
        kind=Kind.VIDEO,
        category=Category.NEWS,
        topics=("Product",),
        title="Acme Field 5.0 in two minutes",
        url="https://www.youtube.com/watch?v=aCmEfIeLd50",
        site_name=YOUTUBE,
        description="A quick tour of offline mode, automatic re-planning and the new job timeline.",
        note="Short and easy to share. **Add a sentence of your own** above the link.",
        posts=(
            (
                "",
                "Two minutes, and you'll see why our support team is so excited about this "
                "release 👇",
            ),
        ),
        at=-5.2,
    ),
    DemoItem(
        language="en",
        category=Category.ARTICLE,
        topics=("Customer stories",),
        title="How Northwind Facilities cut missed appointments by 40%",
        url="https://acme.example/customers/northwind-facilities",
        site_name=ACME,
        description="With 300 technicians across the UK, Northwind moved from spreadsheets to "
        "Acme Field, and their customers stopped waiting at home for no-shows.",
        note="Northwind approved this story. **Use the 40% figure as stated** and please don't "
        "name their customers.",
        posts=(
            (
                "",
                "My favourite kind of story: 300 technicians, no more spreadsheets, and 40% fewer "
                "missed appointments. Nobody likes waiting at home all day for a technician who "
                "never comes.",
            ),
            (
                "linkedin",
                "I worked with the Northwind team during their switch from spreadsheets, so this "
                "one is personal. Forty per cent fewer missed appointments means thousands of "
                "people who didn't take a day off for nothing.",
            ),
        ),
        at=-11.1,
    ),
    DemoItem(
        language="en",
        category=Category.EXPERTISE,
        topics=("Security",),
        title="What SOC 2 Type II actually means for your data",
        url="https://blog.acme.example/security/soc-2-type-ii-explained",
        site_name=BLOG,
        description="Our security lead explains, without jargon, what the auditors checked for "
        "six months and what it changes for customers.",
        note="Useful for anyone who talks to customers' IT teams. **Keep it factual**: we're "
        "certified, not 'unhackable'.",
        posts=(
            (
                "",
                "People often ask me what SOC 2 Type II really means. Our security lead wrote the "
                "clearest explanation I've seen: what was audited, for how long, and what it "
                "changes for customers.",
            ),
        ),
        at=-14.6,
    ),
    DemoItem(
        language="en",
        category=Category.ARTICLE,
        topics=("Design",),
        title="Designing for gloves: what field technicians taught our designers",
        url="https://blog.acme.example/design/designing-for-gloves",
        site_name=BLOG,
        description="Bigger touch targets, high-contrast screens for bright sunlight and forms "
        "you can finish with one thumb: lessons from a month of ride-alongs.",
        note="A lovely read for design and product people. **Highlight the ride-alongs**: our "
        "designers spent a month with technicians.",
        posts=(
            (
                "",
                "Our designers spent a month riding along with field technicians. The result: "
                "bigger buttons, screens you can read in full sun, and forms you can finish with "
                "one thumb while wearing gloves.",
            ),
            (
                "x",
                "What happens when designers spend a month in the van with field technicians? "
                "Bigger buttons, for a start.",
            ),
        ),
        at=-16.3,
    ),
    DemoItem(
        language="en",
        kind=Kind.TEXT,
        category=Category.NEWS,
        topics=("Culture",),
        title="Volunteer day: 212 hours for local food banks",
        description="Colleagues in all five offices spent a day sorting, packing and delivering "
        "food with local food banks.",
        note="A feel-good story to tell in your own words. **Add your own photo** if you took "
        "part.",
        posts=(
            (
                "",
                "Last Friday, colleagues in Warsaw, Kraków, Bangkok, Chiang Mai and London spent "
                "the day with local food banks: 212 hours of sorting, packing and delivering. My "
                "back hurts and I'd do it again tomorrow.",
            ),
        ),
        at=-7.5,
    ),
    DemoItem(
        language="en",
        kind=Kind.IMAGES,
        category=Category.NEWS,
        topics=("Culture", "Engineering"),
        title="Hack week 2026 in pictures",
        description="Forty-one projects, three days, one cardboard trophy.",
        note="Share one picture or all three. **Please tag only colleagues who are happy to be "
        "tagged.**",
        posts=(
            (
                "",
                "Hack week is over: 41 projects in three days, and my team's offline map "
                "prototype made it to the final. A few moments from the week.",
            ),
        ),
        pictures=(
            "Six engineers around a whiteboard covered in sticky notes",
            "A demo on the big screen during the hack week final",
            "The winning team holding a cardboard trophy",
        ),
        at=-8.2,
    ),
    DemoItem(
        language="en",
        category=Category.ARTICLE,
        topics=("Industry insights",),
        title="Field service in 2027: five trends we're watching",
        url="https://blog.acme.example/insights/field-service-trends-2027",
        site_name=BLOG,
        description="Ageing workforces, right-to-repair rules, heat-pump installations and AI "
        "assistants: what will change for field teams next year.",
        note="A good conversation starter for sales and customer success. **Ask your network "
        "which trend they would add.**",
        posts=(
            (
                "",
                "Which of these will change field service most next year: ageing workforces, "
                "right-to-repair rules, heat-pump installations or AI assistants? My bet is the "
                "heat pumps. What's yours?",
            ),
            (
                "linkedin",
                "Our team pulled together five trends we expect to shape field service in 2027. "
                "The one I keep coming back to is the wave of heat-pump installations and the "
                "shortage of people trained to fit them. Curious which trend you'd add.",
            ),
        ),
        at=-19.4,
    ),
    DemoItem(
        language="en",
        category=Category.ARTICLE,
        topics=("Customer stories", "Product"),
        title="What 10,000 support tickets taught us about onboarding",
        url="https://blog.acme.example/support/10000-tickets",
        site_name=BLOG,
        description="We read a year of support tickets and found that most first-week questions "
        "come from just six settings. Here's what we changed.",
        note="Suggested by Daniel from Support. **Stress that we changed the product**, not just "
        "the help pages.",
        posts=(
            (
                "",
                "Our support team read a year of tickets and found that most first-week "
                "questions come from just six settings. So we fixed the settings, not just the "
                "help pages.",
            ),
        ),
        at=-22.2,
        suggested_by="daniel.evans@example.com",
    ),
    DemoItem(
        language="en",
        category=Category.NEWS,
        title="Acme reports third-quarter 2026 results",
        url="https://acme.example/investors/q3-2026-results",
        site_name=ACME,
        description="Revenue grew 24% year on year to €38.6 million; annual recurring revenue "
        "reached €152 million.",
        note="**Share only with the text below, unchanged.** Legal approved this wording; please "
        "don't add forecasts, your own figures or comments on the share price.",
        posts=(
            (
                "",
                "Acme has published its results for the third quarter of 2026: revenue grew 24% "
                "year on year to €38.6 million. The full investor update:",
            ),
        ),
        at=-12.0,
        regulated=True,
    ),
    DemoItem(
        language="en",
        category=Category.EVENT,
        topics=("Events", "Product"),
        title="Webinar: planning routes when half your team is on the road",
        url="https://acme.example/events/webinar-route-planning",
        site_name=ACME,
        description="A 45-minute live session with our product team and a customer's operations "
        "lead, with time for your questions.",
        note="Aimed at operations managers. **Mention that everyone who registers gets the "
        "recording.**",
        posts=(
            (
                "",
                "Next week I'm joining our webinar on route planning for mobile teams, with an "
                "operations lead from one of our customers. Can't make it live? Register anyway "
                "and you'll get the recording.",
            ),
        ),
        at=2.0,
    ),
    DemoItem(
        language="en",
        category=Category.JOB,
        topics=("Careers",),
        title="Graduate programme 2027: applications open",
        url="https://careers.acme.example/graduates-2027",
        site_name=CAREERS,
        description="Eighteen months, three rotations in engineering, product and customer "
        "success, in London, Warsaw or Bangkok.",
        note="**It's paid and open to every degree**, not only computer science.",
        posts=(
            (
                "",
                "Applications for our graduate programme are open! Eighteen months, three "
                "rotations, and any degree is welcome. If you know someone finishing university "
                "this year, please pass it on.",
            ),
        ),
        at=6.0,
    ),
    DemoItem(
        language="en",
        category=Category.EVENT,
        topics=("Events",),
        title="Meet us at Field Service Europe in Amsterdam",
        url="https://acme.example/events/field-service-europe",
        site_name=ACME,
        description="Visit stand 42 for live demos of offline mode and automatic re-planning.",
        note="**Invite the customers you look after**: the team on the stand can book meetings.",
        posts=(
            (
                "",
                "I'll be at Field Service Europe in Amsterdam next week, at stand 42. Come and "
                "say hi if you're around!",
            ),
        ),
        at=-29.0,
        ends=-9.0,
    ),
    DemoItem(
        language="en",
        category=Category.ARTICLE,
        topics=("Design",),
        title="Inside Harbour, our new design system",
        url="https://blog.acme.example/design/harbour-design-system",
        site_name=BLOG,
        description="Two hundred components, one set of tokens and a lot of arguments about "
        "border radius.",
        note="Draft: waiting for the final screenshots from the design team.",
        posts=(
            (
                "",
                "Our design team wrote up how they built Harbour, the design system behind every "
                "Acme screen. The section on accessibility testing alone is worth it.",
            ),
        ),
        at=None,
    ),
    DemoItem(
        language="en",
        kind=Kind.VIDEO,
        category=Category.EXPERTISE,
        topics=("Engineering",),
        title="Talk: offline-first sync with CRDTs",
        url="https://www.youtube.com/watch?v=cRdTsYnc042",
        site_name=YOUTUBE,
        description="Piotr Wiśniewski on how Acme Field merges edits made without signal, "
        "recorded at a Python conference in Warsaw.",
        note="A 30-minute technical talk. **Best for engineering networks**; the first five "
        "minutes work as a teaser.",
        posts=(
            (
                "",
                "Piotr's talk on how we merge edits made offline is online now. If you've ever "
                "wondered how CRDTs work in a real product, start here.",
            ),
            ("x", "How do you merge edits made with no signal? Piotr explains CRDTs in practice:"),
        ),
        at=-13.5,
    ),
    DemoItem(
        language="en",
        kind=Kind.TEXT,
        category=Category.NEWS,
        topics=("Culture",),
        title="Benefits enrolment for 2027 closes on Friday",
        description="Choose your health plan and pension contribution for next year in the "
        "People portal. If you don't choose, this year's options carry over.",
        note="Internal only: **please don't share this outside Acme.**",
        posts=(
            (
                "email",
                "Quick reminder: benefits enrolment for 2027 closes on Friday. It takes five "
                "minutes in the People portal.",
            ),
        ),
        at=-3.2,
        shareable=False,
    ),
    # Polish --------------------------------------------------------------------------------------
    DemoItem(
        language="pl",
        category=Category.JOB,
        topics=("Careers", "Engineering"),
        title="Szukamy Frontend Developera (React) do Krakowa, praca hybrydowa",
        url="https://careers.acme.example/pl/oferty/frontend-developer-krakow",
        site_name=CAREERS,
        description="Dołącz do zespołu, który buduje panel planowania dla firm serwisowych w całej "
        "Europie. Umowa o pracę lub B2B, dwa dni w tygodniu w biurze.",
        note="Polecenia mile widziane. **Podkreślcie pracę hybrydową i budżet szkoleniowy 5000 zł "
        "rocznie.** Widełki są w ogłoszeniu, więc śmiało o nich piszcie.",
        posts=(
            (
                "",
                "Mój zespół szuka frontendowca do Krakowa. Pracujemy hybrydowo, mamy porządne "
                "code review i budżet na konferencje. Znacie kogoś dobrego? Podeślijcie mu link "
                "albo napiszcie do mnie 👇",
            ),
            (
                "linkedin",
                "Szukamy do krakowskiego zespołu osoby, która lubi Reacta i dobrze "
                "zaprojektowane interfejsy. Budujemy narzędzie, z którego codziennie korzystają "
                "tysiące serwisantów w Europie. Widełki są w ogłoszeniu, a ja chętnie opowiem, "
                "jak się u nas pracuje. Piszcie śmiało!",
            ),
        ),
        at=-2.1,
    ),
    DemoItem(
        language="pl",
        category=Category.NEWS,
        topics=("Product",),
        title="Acme Field 5.0 po polsku: tryb offline i inteligentne planowanie tras",
        url="https://acme.example/pl/aktualnosci/acme-field-5",
        site_name=ACME,
        description="Serwisanci pracują cały dzień bez zasięgu, a trasy same się przeliczają, gdy "
        "zlecenie się przedłuża.",
        note="Największe wydanie w tym roku. **Akcent na tryb offline**: o to klienci prosili "
        "najczęściej. Prosimy nie podawać jeszcze terminu wersji na tablety.",
        posts=(
            (
                "",
                "Pamiętam serwisanta, który stał na dachu bez zasięgu i nie mógł zamknąć "
                "zlecenia. Od dziś Acme Field działa cały dzień offline. Duma! 💪",
            ),
            (
                "x",
                "Acme Field 5.0 już jest: cały dzień pracy bez zasięgu i trasy, które same się "
                "przeliczają. Kawał dobrej roboty całego zespołu.",
            ),
        ),
        at=-4.6,
    ),
    DemoItem(
        language="pl",
        category=Category.EXPERTISE,
        topics=("Engineering",),
        title="Jak testujemy aplikację, która musi działać bez zasięgu",
        url="https://blog.acme.example/pl/testowanie-offline",
        site_name=BLOG,
        description="Symulujemy piwnice, windy i tunele: o tym, jak nasz zespół QA sprawdza "
        "synchronizację danych w najgorszych warunkach.",
        note="Świetny materiał dla osób z branży IT. **Wspomnijcie o otwartym narzędziu do "
        "symulacji sieci**, które udostępniliśmy na GitHubie.",
        posts=(
            (
                "",
                "Nasz zespół QA opisał, jak testujemy aplikację w piwnicach, windach i tunelach, "
                "oczywiście bez wychodzenia z biura. Polecam, sporo konkretów.",
            ),
            (
                "linkedin",
                "Testowanie trybu offline to zupełnie inna dyscyplina niż zwykłe testy API. W tym "
                "artykule pokazujemy, jak symulujemy słaby zasięg i konflikty danych, a narzędzie, "
                "którego używamy, jest otwarte. Dajcie znać, jak to wygląda u Was.",
            ),
        ),
        at=-10.2,
    ),
    DemoItem(
        language="pl",
        category=Category.EVENT,
        topics=("Events", "Engineering"),
        locations=("Kraków",),
        title="Acme Dev Day Kraków: wieczór o Pythonie i aplikacjach mobilnych",
        url="https://acme.example/pl/wydarzenia/dev-day-krakow",
        site_name=ACME,
        description="Trzy krótkie prezentacje, pizza i rozmowy z naszym zespołem w krakowskim "
        "biurze. Wstęp wolny, liczba miejsc ograniczona.",
        note="**Zaproście znajomych programistów z Krakowa**: zależy nam na osobach spoza firmy. "
        "Prezentacje są po polsku.",
        posts=(
            (
                "",
                "W przyszłym miesiącu robimy u nas w biurze Dev Day: Python, aplikacje mobilne i "
                "pizza 🍕 Wstęp wolny, ale miejsc jest niewiele, więc zapiszcie się wcześniej!",
            ),
        ),
        at=-3.6,
    ),
    DemoItem(
        language="pl",
        kind=Kind.TEXT,
        category=Category.NEWS,
        topics=("Culture",),
        title="10 lat naszego biura w Warszawie",
        description="Zaczynaliśmy w pięć osób w wynajętym pokoju na Mokotowie. Dziś w Warszawie "
        "pracuje nas ponad 120 osób.",
        note="Okrągła rocznica. **Opowiedzcie swoją historię**: od kiedy jesteście w firmie i co "
        "się zmieniło. Zdjęcia z imprezy mile widziane.",
        posts=(
            (
                "",
                "Dziesięć lat temu nasze warszawskie biuro to było pięć osób i jeden ekspres do "
                "kawy. Dziś jest nas ponad 120. Cieszę się, że mogę być częścią tej historii ❤️",
            ),
        ),
        at=-15.3,
    ),
    DemoItem(
        language="pl",
        category=Category.ARTICLE,
        topics=("Customer stories",),
        title="Jak PolKlima skróciła dojazdy serwisantów o 25%",
        url="https://acme.example/pl/klienci/polklima",
        site_name=ACME,
        description="Firma serwisująca klimatyzację w całej Polsce zaplanowała trasy na nowo i "
        "zyskała średnio godzinę dziennie na każdego technika.",
        note="Klient zgodził się na publikację. **Używajcie tylko liczb z artykułu** (25% i "
        "godzina dziennie).",
        posts=(
            (
                "",
                "Lubię takie historie: PolKlima zaczęła planować trasy w Acme Field i ich "
                "serwisanci zyskali średnio godzinę dziennie. To realnie więcej czasu dla "
                "klientów, a po pracy dla siebie.",
            ),
            (
                "linkedin",
                "Godzina dziennie na każdego technika: tyle PolKlima zyskała dzięki lepszemu "
                "planowaniu tras. Pracowałem przy tym wdrożeniu i najbardziej cieszy mnie to, że "
                "serwisanci wracają do domu wcześniej.",
            ),
        ),
        at=-18.1,
    ),
    DemoItem(
        language="pl",
        category=Category.JOB,
        topics=("Careers",),
        title="Staże w Acme 2027: rusza rekrutacja",
        url="https://careers.acme.example/pl/staze-2027",
        site_name=CAREERS,
        description="Płatne, trzymiesięczne staże w zespołach inżynierii, designu i obsługi "
        "klienta w Warszawie i Krakowie.",
        note="**Staże są płatne** i warto to podkreślić. Szukamy studentów ostatnich lat i "
        "absolwentów.",
        posts=(
            (
                "",
                "Ruszyła rekrutacja na płatne staże w Acme, w Warszawie i Krakowie. Jeśli znacie "
                "kogoś, kto kończy studia i szuka pierwszej pracy w IT, podeślijcie mu ten link.",
            ),
        ),
        at=9.0,
    ),
    DemoItem(
        language="pl",
        category=Category.EVENT,
        topics=("Events",),
        title="Odwiedź nasze stoisko na targach Serwis Expo w Poznaniu",
        url="https://acme.example/pl/wydarzenia/serwis-expo",
        site_name=ACME,
        description="Pokażemy na żywo planowanie tras i tryb offline. Stoisko B12, hala 3.",
        note="**Zaproście klientów i partnerów**: na stoisku będą Krzysztof i Ewa.",
        posts=(
            (
                "",
                "Będę na targach Serwis Expo w Poznaniu, na stoisku Acme. Wpadnijcie pogadać o "
                "planowaniu pracy w terenie, kawa na mój koszt ☕",
            ),
        ),
        at=-27.0,
        ends=-5.0,
    ),
    DemoItem(
        language="pl",
        category=Category.EXPERTISE,
        topics=("Security",),
        title="Pięć nawyków, które chronią dane klientów w terenie",
        url="https://blog.acme.example/pl/bezpieczenstwo/piec-nawykow",
        site_name=BLOG,
        description="Blokada ekranu, aktualizacje, ostrożność z publicznym Wi-Fi: proste zasady "
        "od naszego zespołu bezpieczeństwa.",
        note="Wersja robocza, czeka na akceptację zespołu bezpieczeństwa.",
        posts=(
            (
                "",
                "Nasz zespół bezpieczeństwa spisał pięć prostych nawyków dla osób pracujących w "
                "terenie. Punkt o publicznym Wi-Fi powinien przeczytać każdy.",
            ),
        ),
        at=None,
    ),
    DemoItem(
        language="pl",
        category=Category.ARTICLE,
        topics=("Sustainability",),
        title="Mniej kilometrów, mniej CO₂: jak planowanie tras pomaga klimatowi",
        url="https://blog.acme.example/pl/zrownowazony-rozwoj/mniej-kilometrow",
        site_name=BLOG,
        description="Lepiej zaplanowane trasy to mniej pustych przebiegów. Policzyliśmy, ile "
        "emisji oszczędzili nasi klienci w ubiegłym roku.",
        note="**Nie przeliczajcie liczb samodzielnie**: wszystkie dane są w raporcie.",
        posts=(
            (
                "",
                "Lepiej zaplanowana trasa to nie tylko oszczędność czasu. Policzyliśmy, ile CO₂ "
                "zaoszczędzili nasi klienci dzięki mniejszej liczbie pustych przebiegów, i wynik "
                "naprawdę mnie zaskoczył.",
            ),
        ),
        at=-21.4,
    ),
    # Thai ----------------------------------------------------------------------------------------
    DemoItem(
        language="th",
        category=Category.NEWS,
        topics=("Product",),
        title="Acme Field 5.0 รองรับภาษาไทยเต็มรูปแบบแล้ว",
        url="https://acme.example/th/news/acme-field-5",
        site_name=ACME,
        description="ช่างเทคนิคทำงานได้ทั้งวันแม้ไม่มีสัญญาณ พร้อมเมนูภาษาไทยครบทุกหน้าจอ "
        "และระบบวางแผนเส้นทางที่ปรับเองเมื่องานล่าช้า",
        note="เวอร์ชันใหญ่ที่สุดของปีนี้ **เน้นเรื่องโหมดออฟไลน์และภาษาไทย** ซึ่งลูกค้าขอมากที่สุด "
        "กรุณาอย่าเพิ่งพูดถึงวันเปิดตัวเวอร์ชันแท็บเล็ต",
        posts=(
            (
                "",
                "ดีใจมากที่แอปที่ทีมเราพัฒนารองรับภาษาไทยครบทุกหน้าจอแล้ว "
                "ช่างหน้างานไม่ต้องเดาเมนูภาษาอังกฤษอีกต่อไป แถมใช้งานได้ทั้งวันแม้ไม่มีสัญญาณ 🙌",
            ),
            (
                "linkedin",
                "ผมอยู่ในทีมที่ทำ Acme Field 5.0 มาเกือบปี วันนี้ได้เห็นช่างเทคนิคใช้แอปเป็นภาษาไทยครบทุกหน้าจอ "
                "และทำงานได้แม้อยู่ในพื้นที่ที่ไม่มีสัญญาณ รู้สึกภูมิใจมากครับ "
                "ใครทำงานด้านบริการภาคสนามลองดูรายละเอียดได้ที่ลิงก์นี้",
            ),
        ),
        at=-0.5,
        featured=True,
    ),
    DemoItem(
        language="th",
        category=Category.JOB,
        topics=("Careers",),
        title="รับสมัคร Data Analyst ประจำสำนักงานกรุงเทพฯ",
        url="https://careers.acme.example/th/jobs/data-analyst-bangkok",
        site_name=CAREERS,
        description="ร่วมทีมข้อมูลที่ช่วยให้ลูกค้าวางแผนงานภาคสนามได้แม่นยำขึ้น ทำงานแบบไฮบริด "
        "เข้าออฟฟิศสัปดาห์ละ 2 วัน",
        note="ช่วยกันแชร์ให้ถึงคนเก่ง ๆ **เน้นว่าทำงานแบบไฮบริดได้และมีงบพัฒนาตัวเองปีละ 30,000 บาท**",
        posts=(
            (
                "",
                "ทีมข้อมูลของเรากำลังหาเพื่อนร่วมทีมที่กรุงเทพฯ ถ้าคุณชอบ SQL ชอบตั้งคำถามกับตัวเลข "
                "และอยากเห็นงานของตัวเองถูกใช้จริงทุกวัน ลองสมัครดูนะ หรือส่งต่อให้เพื่อนที่ใช่ 👇",
            ),
            (
                "x",
                "ทีมเราเปิดรับ Data Analyst ที่กรุงเทพฯ ทำงานไฮบริด งานสนุก ทีมน่ารัก สนใจกดลิงก์เลย",
            ),
        ),
        at=-2.2,
    ),
    DemoItem(
        language="th",
        category=Category.EVENT,
        topics=("Events", "Engineering"),
        locations=("Bangkok",),
        title="Acme Tech Talk กรุงเทพฯ: เบื้องหลังระบบวางแผนเส้นทาง",
        url="https://acme.example/th/events/tech-talk-bangkok",
        site_name=ACME,
        description="ค่ำคืนของนักพัฒนาที่สำนักงานกรุงเทพฯ "
        "ฟังทีมวิศวกรเล่าว่าระบบวางแผนเส้นทางคำนวณงานนับหมื่นชิ้นต่อวันอย่างไร พร้อมอาหารและเครื่องดื่ม",
        note="งานฟรี ที่นั่งจำกัด 80 ที่ **ชวนเพื่อนนักพัฒนาที่สนใจเรื่อง optimisation** "
        "และบอกด้วยว่าบรรยายเป็นภาษาไทย",
        posts=(
            (
                "",
                "เดือนนี้ทีมเราจัด Tech Talk ที่ออฟฟิศกรุงเทพฯ จะเล่าเบื้องหลังระบบวางแผนเส้นทางแบบไม่กั๊ก "
                "ใครสนใจเรื่อง optimisation มาคุยกันได้ ฟรี มีของกินด้วย 😄",
            ),
            (
                "linkedin",
                "ขอชวนเพื่อน ๆ นักพัฒนามาร่วมงาน Acme Tech Talk ที่กรุงเทพฯ "
                "ครั้งนี้เราจะเล่าว่าระบบวางแผนเส้นทางจัดการงานนับหมื่นชิ้นต่อวันได้อย่างไร "
                "บรรยายเป็นภาษาไทย ที่นั่งมีจำกัด ลงทะเบียนได้ที่ลิงก์นี้",
            ),
        ),
        at=-1.5,
    ),
    DemoItem(
        language="th",
        kind=Kind.IMAGES,
        category=Category.NEWS,
        topics=("Culture",),
        title="ภาพบรรยากาศวันเปิดสำนักงานเชียงใหม่",
        description="สำนักงานแห่งใหม่ของเราที่เชียงใหม่เปิดอย่างเป็นทางการแล้ว ขอบคุณทุกคนที่มาร่วมฉลองด้วยกัน",
        note="แชร์ภาพได้ตามสบาย **ถ้าในภาพมีเพื่อนร่วมงาน กรุณาแท็กเฉพาะคนที่ยินดีเท่านั้น**",
        posts=(
            (
                "",
                "วันนี้เราเปิดสำนักงานใหม่ที่เชียงใหม่อย่างเป็นทางการแล้ว! มุมทำงานสวย แสงดี "
                "และที่สำคัญคือเพื่อนร่วมทีมน่ารักมาก ขอบคุณทุกคนที่มาร่วมฉลองกัน 🎉",
            ),
        ),
        pictures=(
            "ทีมเชียงใหม่ถ่ายรูปหมู่หน้าสำนักงานใหม่",
            "มุมทำงานที่มีต้นไม้และแสงธรรมชาติ",
            "พิธีตัดริบบิ้นเปิดสำนักงาน",
        ),
        at=-6.5,
    ),
    DemoItem(
        language="th",
        kind=Kind.VIDEO,
        category=Category.EXPERTISE,
        topics=("Product",),
        title="สาธิต: ตั้งค่าการแจ้งเตือนงานด่วนใน 3 นาที",
        url="https://www.youtube.com/watch?v=acmeThDemo1",
        site_name=YOUTUBE,
        description="วิดีโอสั้นสอนหัวหน้าทีมตั้งค่าให้ช่างที่อยู่ใกล้ที่สุดได้รับงานด่วนทันที",
        note="เหมาะสำหรับแชร์ให้ลูกค้าและพาร์ทเนอร์ **บอกด้วยว่าวิดีโอมีคำบรรยายภาษาไทย**",
        posts=(
            (
                "",
                "ใครเคยต้องโทรหาช่างทีละคนเวลามีงานด่วน ลองดูคลิปนี้ 3 นาทีรู้เรื่อง "
                "ตั้งค่าครั้งเดียว ระบบส่งงานให้ช่างที่อยู่ใกล้ที่สุดเอง",
            ),
        ),
        at=-9.6,
    ),
    DemoItem(
        language="th",
        kind=Kind.TEXT,
        category=Category.NEWS,
        topics=("Sustainability", "Culture"),
        title="ทีมเชียงใหม่ร่วมปลูกต้นไม้ 500 ต้นที่ดอยสุเทพ",
        description="กิจกรรมอาสาประจำปีของสำนักงานเชียงใหม่ ร่วมกับชุมชนในพื้นที่ฟื้นฟูป่าต้นน้ำ",
        note="เรื่องดี ๆ ที่อยากให้ช่วยกันเล่าต่อ **เล่าในมุมของคุณเอง** ถ้าได้ไปร่วมด้วยก็ใส่รูปของตัวเองได้เลย",
        posts=(
            (
                "",
                "เสาร์ที่ผ่านมาทีมเชียงใหม่ของเราไปปลูกต้นไม้กัน 500 ต้นที่ดอยสุเทพ เหนื่อยแต่สนุกมาก "
                "ขอบคุณชุมชนที่ช่วยดูแลต้นกล้าต่อจากนี้ 🌱",
            ),
        ),
        at=-12.5,
    ),
    DemoItem(
        language="th",
        category=Category.ARTICLE,
        topics=("Customer stories",),
        title="เรื่องราวลูกค้า: Siam Cold Chain ลดงานซ่อมฉุกเฉินลง 30%",
        url="https://acme.example/th/customers/siam-cold-chain",
        site_name=ACME,
        description="บริษัทห้องเย็นที่มีช่างกว่า 120 คนทั่วประเทศใช้ Acme Field วางแผนงานบำรุงรักษาล่วงหน้า "
        "จนงานซ่อมฉุกเฉินลดลงเกือบหนึ่งในสาม",
        note="ลูกค้าอนุญาตให้เผยแพร่แล้ว **ใช้ตัวเลข 30% ตามที่อยู่ในบทความเท่านั้น**",
        posts=(
            (
                "",
                "ชอบเคสนี้มาก Siam Cold Chain ใช้ข้อมูลจากหน้างานวางแผนซ่อมบำรุงล่วงหน้า "
                "งานซ่อมฉุกเฉินเลยลดลง 30% ช่างก็ไม่ต้องวิ่งรอกกลางดึกอีกต่อไป",
            ),
            (
                "linkedin",
                "ได้มีส่วนร่วมในโปรเจกต์นี้ตั้งแต่วันแรก เลยดีใจมากที่ได้เห็นผลลัพธ์จริง "
                "งานซ่อมฉุกเฉินของ Siam Cold Chain ลดลง 30% "
                "เพราะทีมวางแผนบำรุงรักษาจากข้อมูลหน้างานได้ล่วงหน้า",
            ),
        ),
        at=-17.2,
    ),
    DemoItem(
        language="th",
        category=Category.EVENT,
        topics=("Events", "Customer stories"),
        title="เชิญร่วมงาน Acme Connect Bangkok งานสัมมนาลูกค้าประจำปี",
        url="https://acme.example/th/events/connect-bangkok",
        site_name=ACME,
        description="หนึ่งวันเต็มกับเวิร์กช็อปและเรื่องเล่าจากลูกค้า ลงทะเบียนฟรีสำหรับลูกค้าและพาร์ทเนอร์",
        note="**ลงทะเบียนฟรีสำหรับลูกค้า** ชวนลูกค้าที่คุณดูแลอยู่ได้เลย",
        posts=(
            (
                "",
                "ปีนี้ Acme Connect กลับมาที่กรุงเทพฯ แล้ว! ใครเป็นลูกค้าหรือพาร์ทเนอร์ของเรามาเจอกันนะ "
                "มีเวิร์กช็อปแบบลงมือทำจริงด้วย",
            ),
        ),
        at=13.0,
    ),
    DemoItem(
        language="th",
        category=Category.JOB,
        topics=("Careers", "Engineering"),
        title="รับสมัครนักศึกษาฝึกงานภาคฤดูร้อน ทีมวิศวกรรม",
        url="https://careers.acme.example/th/jobs/summer-internship",
        site_name=CAREERS,
        description="โครงการฝึกงาน 3 เดือนกับทีมวิศวกรรมที่กรุงเทพฯ และเชียงใหม่ "
        "มีค่าตอบแทนและพี่เลี้ยงดูแลตลอดโครงการ",
        note="**เน้นว่ามีค่าตอบแทน** และรับนักศึกษาปี 3-4",
        posts=(
            (
                "",
                "ทีมวิศวกรรมของเราเปิดรับน้องฝึกงานภาคฤดูร้อน มีค่าตอบแทน มีพี่เลี้ยง "
                "ได้ทำงานที่ลูกค้าใช้จริง น้อง ๆ ปี 3-4 ที่สนใจสมัครได้เลยนะ",
            ),
        ),
        at=-29.5,
        ends=-7.0,
    ),
    DemoItem(
        language="th",
        category=Category.EXPERTISE,
        topics=("Security",),
        title="5 วิธีดูแลรหัสผ่านสำหรับทีมภาคสนาม",
        url="https://blog.acme.example/th/security/passwords",
        site_name=BLOG,
        description="คำแนะนำง่าย ๆ จากทีมความปลอดภัยของเรา "
        "ตั้งแต่การใช้โปรแกรมจัดการรหัสผ่านไปจนถึงการเปิดใช้การยืนยันตัวตนสองขั้นตอน",
        note="ฉบับร่าง: รอทีมความปลอดภัยตรวจทาน",
        posts=(
            (
                "",
                "ทีมความปลอดภัยของเราสรุป 5 วิธีดูแลรหัสผ่านที่ใช้ได้จริงสำหรับคนทำงานนอกออฟฟิศ "
                "ข้อ 3 เพิ่งรู้เหมือนกัน 😅",
            ),
        ),
        at=None,
    ),
]

# email, link, why; the approved one is credited on its item (see DemoItem.suggested_by).
SUGGESTIONS_PENDING = [
    (
        "somchai.srisuk@example.com",
        "https://blog.acme.example/engineering/kubernetes-cost-savings",
        "Our platform team's write-up on cutting cloud costs by a third. Engineers in Bangkok "
        "loved it; I think it would do well on LinkedIn.",
        1,
    ),
    (
        "agnieszka.lewandowska@example.com",
        "https://news.example/biznes/wywiad-acme-ekspansja-azja",
        "Krzysztof opowiada w wywiadzie o naszej ekspansji w Azji. Świetny materiał dla zespołu "
        "sprzedaży i dla wszystkich, którzy pytają, dokąd zmierza firma.",
        2,
    ),
    (
        "chloe.bennett@example.com",
        "https://acme.example/events/connect-london/speakers",
        "The speaker line-up for Connect London is out. Great for everyone who'll be there to "
        "share in the week before.",
        0.3,
    ),
]
SUGGESTION_APPROVED = (
    "daniel.evans@example.com",
    "https://blog.acme.example/support/10000-tickets",
    "We wrote up what a year of tickets taught us. Customers keep thanking us for the changes, "
    "so I think people outside would find it useful too.",
    87,  # just before the item went out (see _published_days)
)
SUGGESTION_DECLINED = (
    "oliver.hughes@example.com",
    "https://www.example.com/field-service-software-comparison",
    "A comparison site ranks us above two competitors. Could be great for prospects!",
    6,
    "Thanks, Oliver! It's a paid comparison that speaks badly of named competitors, so we'd "
    "rather not ask colleagues to share it. If you spot an independent review, send it over.",
)

FEED_URL = "https://blog.acme.example/feed.xml"
# slug, title, summary, days ago
ENTRIES = [
    (
        "postgres-job-queue",
        "Why we moved our job queue to PostgreSQL",
        "One less moving part: how we replaced our message broker with a table, SKIP LOCKED and "
        "a lot of load testing.",
        0.4,
    ),
    (
        "a-day-in-chiang-mai",
        "A day with a field technician in Chiang Mai",
        "From the first coffee at six to the last job at dusk: our designer followed Anan "
        "through a day of air-conditioning repairs.",
        1.3,
    ),
    (
        "accessible-field-apps",
        "Accessibility in field apps: what screen reader users taught us",
        "Five changes we made after testing Acme Field with blind and low-vision technicians.",
        2.6,
    ),
    (
        "parental-leave-2027",
        "Our new parental leave policy, explained",
        "Twenty weeks fully paid for every parent, in every country we work in, from January.",
        4.1,
    ),
    (
        "acme-field-5-1-beta",
        "Release notes: Acme Field 5.1 beta",
        "Photo annotations, a darker dark mode and faster sync on slow networks.",
        5.8,
    ),
]


# Pictures -----------------------------------------------------------------------------------------


def _picture(seed: str, colours: tuple[str, str], size: tuple[int, int], *, play=False):
    """A two-colour gradient with a band, a few circles and a card; the same for the same seed."""
    rng = random.Random(seed)  # noqa: S311 - shapes, not secrets
    width, height = size
    # A small diagonal ramp, stretched: a linear gradient stays linear and this is fast.
    small = (width // 16, height // 16)
    ramp = Image.linear_gradient("L")
    mask = Image.blend(ramp.resize(small), ramp.rotate(90).resize(small), rng.uniform(0.35, 0.65))
    if rng.random() < 0.5:
        mask = mask.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    mask = mask.resize(size, Image.Resampling.BILINEAR)
    start, end = (ImageColor.getrgb(colour) for colour in colours)
    image = Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), mask)
    draw = ImageDraw.Draw(image, "RGBA")
    x, band = rng.randint(width // 3, width), rng.randint(width // 8, width // 4)
    draw.polygon(
        [(x, 0), (x + band, 0), (x + band - height, height), (x - height, height)],
        fill=(255, 255, 255, 26),
    )
    for _ in range(rng.randint(2, 4)):
        r = rng.randint(height // 10, height // 2)
        cx, cy = rng.randint(0, width), rng.randint(0, height)
        if rng.random() < 0.5:
            draw.ellipse(
                (cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255, rng.randint(18, 45))
            )
        else:
            draw.ellipse(
                (cx - r, cy - r, cx + r, cy + r),
                outline=(255, 255, 255, rng.randint(60, 110)),
                width=max(4, r // 25),
            )
    card_w, card_h = int(width * rng.uniform(0.36, 0.46)), int(height * rng.uniform(0.42, 0.55))
    left, top, pad = int(width * 0.08), (height - card_h) // 2, height // 16
    draw.rounded_rectangle(
        (left, top, left + card_w, top + card_h), radius=height // 20, fill=(255, 255, 255, 60)
    )
    for row, share in enumerate((0.8, 0.6, 0.7)):
        y = top + pad + row * height // 14
        right = left + pad + int((card_w - 2 * pad) * share)
        draw.rounded_rectangle(
            (left + pad, y, right, y + height // 28), radius=height // 56, fill=(255, 255, 255, 150)
        )
    if play:
        r, cx, cy = height // 7, width * 2 // 3, height // 2
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255, 220))
        draw.polygon(
            [(cx - r // 3, cy - r // 2), (cx - r // 3, cy + r // 2), (cx + r // 2, cy)],
            fill=start,
        )
    return image


def _jpeg(image: Image.Image, name: str) -> ContentFile:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return ContentFile(out.getvalue(), name=name)


def _colours(spec: DemoItem) -> tuple[str, str]:
    return TOPICS[spec.topics[0]] if spec.topics else UNTOPICAL_COLOURS


def _stem(spec: DemoItem) -> str:
    return "demo-" + hashlib.sha256((spec.url or spec.title).encode()).hexdigest()[:12]


# Loading -----------------------------------------------------------------------------------------


def _published_days(spec: DemoItem) -> float:
    """Days from now of the item's publication. The items' dates span a month but the demo's
    program has run for three, so the live ones are spread over about 90 days: the newest stay
    fresh, the oldest are old enough for the shares of the program's first weeks. Items with an
    end date keep theirs (scheduled ones lie ahead, expired ones stay expired)."""
    if spec.at is None or spec.at >= 0 or spec.ends is not None:
        return spec.at or 0.0
    return -1.28 * (-spec.at) ** 1.354


def _item_load(
    spec: DemoItem,
    *,
    curator: User | None,
    people: dict[str, User],
    topics: dict[str, Topic],
    now: datetime,
) -> ContentItem:
    publish_at = now + timedelta(days=_published_days(spec)) if spec.at is not None else None
    item = services.item_create(
        created_by=curator,
        suggested_by=people.get(spec.suggested_by),
        kind=spec.kind,
        language=spec.language,
        url=spec.url,
        title=spec.title,
        topics=[topics[name] for name in spec.topics],
        departments=Department.objects.filter(name__in=spec.departments),
        locations=Location.objects.filter(name__in=spec.locations),
        sample_posts=[
            services.SampleText(text=text, network=network, language=spec.language)
            for network, text in spec.posts
        ],
        fetch_preview=False,
        category=spec.category,
        note=spec.note,
        description=spec.description,
        site_name=spec.site_name,
        publish_at=publish_at,
        expires_at=now + timedelta(days=spec.ends) if spec.ends is not None else None,
        featured=spec.featured,
        shareable=spec.shareable,
        regulated=spec.regulated,
    )
    if item.kind in (Kind.LINK, Kind.VIDEO):
        picture = _picture(spec.title, _colours(spec), (1200, 630), play=item.kind == Kind.VIDEO)
        item.image.save(f"{_stem(spec)}.jpg", _jpeg(picture, "preview.jpg"), save=False)
        item.preview_state = ContentItem.PreviewState.READY
        item.save(update_fields=["image", "preview_state", "updated_at"])
    for position, alt_text in enumerate(spec.pictures):
        picture = _picture(f"{spec.title} {position}", _colours(spec), (1080, 1080))
        image = ContentImage(item=item, alt_text=alt_text, position=position)
        image.image.save(f"{_stem(spec)}-{position}.jpg", _jpeg(picture, "i.jpg"), save=False)
        picture.thumbnail((480, 480))
        image.thumbnail.save(f"{_stem(spec)}-{position}.jpg", _jpeg(picture, "t.jpg"), save=False)
        image.save()
    # Written a little before it went out, so the workspace doesn't show everything as "just now".
    hours = random.Random(spec.title).randint(3, 40)  # noqa: S311 - not a secret
    written = min(publish_at or now, now) - timedelta(hours=hours)
    ContentItem.objects.filter(pk=item.pk).update(created_at=written, updated_at=written)
    return item


def _suggestion_load(
    email: str, url: str, text: str, days_ago: float, *, people: dict[str, User], now: datetime
) -> Suggestion | None:
    """A suggestion, unless this person has suggested this link already."""
    person = people.get(email)
    if person is None or Suggestion.objects.filter(suggested_by=person, url=url).exists():
        return None
    suggestion = Suggestion.objects.create(suggested_by=person, url=url, text=text)
    Suggestion.objects.filter(pk=suggestion.pk).update(created_at=now - timedelta(days=days_ago))
    return suggestion


@transaction.atomic
def demo_content_load() -> dict[str, int]:
    """Create (or complete) the demo hub; returns how many rows of each kind were created."""
    now = timezone.now()
    created = dict.fromkeys(
        ("topics", "items", "sample_posts", "images", "suggestions", "feeds", "entries", "follows"),
        0,
    )
    emails = {CURATOR, *FOLLOWS, SUGGESTION_APPROVED[0], SUGGESTION_DECLINED[0]}
    emails |= {row[0] for row in SUGGESTIONS_PENDING}
    people = {user.email: user for user in User.objects.filter(email__in=emails)}
    curator = people.get(CURATOR)

    topics = {}
    for name in TOPICS:
        topic = Topic.objects.filter(name__iexact=name).first()
        if topic is None:
            topic = Topic.objects.create(name=name)
            created["topics"] += 1
        topics[name] = topic
    for email, names in FOLLOWS.items():
        person = people.get(email)
        if person is not None and not person.followed_topics.exists():
            person.followed_topics.add(*(topics[name] for name in names))
            created["follows"] += len(names)

    for spec in ITEMS:
        existing = ContentItem.objects.filter(url=spec.url) if spec.url else None
        if existing is None:
            existing = ContentItem.objects.filter(url="", title=spec.title)
        if existing.exists():
            continue
        _item_load(spec, curator=curator, people=people, topics=topics, now=now)
        created["items"] += 1
        created["sample_posts"] += len(spec.posts)
        created["images"] += len(spec.pictures)

    for email, url, text, days_ago in SUGGESTIONS_PENDING:
        created["suggestions"] += bool(
            _suggestion_load(email, url, text, days_ago, people=people, now=now)
        )
    email, url, text, days_ago = SUGGESTION_APPROVED
    item = ContentItem.objects.filter(url=url, suggestion__isnull=True).first()
    approved = _suggestion_load(email, url, text, days_ago, people=people, now=now)
    if approved is not None:
        Suggestion.objects.filter(pk=approved.pk).update(
            status=Suggestion.Status.APPROVED,
            item=item,
            reviewed_by=curator,
            reviewed_at=now - timedelta(days=days_ago - 1),
        )
        created["suggestions"] += 1
    email, url, text, days_ago, reason = SUGGESTION_DECLINED
    declined = _suggestion_load(email, url, text, days_ago, people=people, now=now)
    if declined is not None:
        Suggestion.objects.filter(pk=declined.pk).update(
            status=Suggestion.Status.DECLINED,
            decline_reason=reason,
            reviewed_by=curator,
            reviewed_at=now - timedelta(days=days_ago - 0.5),
        )
        created["suggestions"] += 1

    # The feed is never polled here: its entries are already in the inbox.
    source, source_created = InspirationSource.objects.get_or_create(
        url=FEED_URL,
        defaults={"name": "Acme blog", "added_by": curator, "last_polled_at": now},
    )
    created["feeds"] += source_created
    for slug, title, summary, days_ago in ENTRIES:
        url = f"https://blog.acme.example/{slug}"
        _entry, entry_created = InspirationEntry.objects.get_or_create(
            source=source,
            guid=url,
            defaults={
                "url": url,
                "title": title,
                "summary": summary,
                "published_at": now - timedelta(days=days_ago),
            },
        )
        created["entries"] += entry_created
    return created
