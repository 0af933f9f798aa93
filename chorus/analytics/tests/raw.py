"""Figures counted straight from the raw tables (shares, clicks, memberships), the slow way:
what every dashboard number must equal."""

import datetime as dt
from collections import Counter, defaultdict

from chorus.analytics.models import Dim
from chorus.sharing.models import Share, SharingProfile
from chorus.sharing.services import OWN_POST_CAMPAIGN
from chorus.tracking.models import Click


def _day(at: dt.datetime) -> dt.date:
    return at.astimezone(dt.UTC).date()


def share_attributes(share: Share) -> dict[str, list[str]]:
    """The groups a share belongs to, read from the share, its advocate and its item now."""
    item, advocate = share.item, share.advocate
    topics = sorted(str(t.pk) for t in item.topics.all()) if item else []
    return {
        Dim.ALL: [""],
        Dim.NETWORK: [share.network],
        Dim.DEPARTMENT: [str(advocate.department_id or "")],
        Dim.LOCATION: [str(advocate.location_id or "")],
        Dim.LANGUAGE: [item.language if item else ""],
        Dim.TOPIC: topics or [""],
        Dim.CAMPAIGN: [
            (share.link.campaign if share.link_id else item.slug) if item else OWN_POST_CAMPAIGN
        ],
        Dim.CATEGORY: [item.category if item else "own"],
        Dim.KIND: [item.kind if item else "own"],
        Dim.ITEM: [str(item.pk)] if item else [],
        Dim.ADVOCATE: [str(advocate.pk)],
    }


class Raw:
    """Every share and counted click, loaded once."""

    def __init__(self):
        self.shares = list(
            Share.objects.select_related("advocate", "item", "link")
            .prefetch_related("item__topics", "extra_links")
            .order_by("pk")
        )
        audiences = dict(SharingProfile.objects.values_list("user_id", "audiences"))
        self.reach = {
            s.pk: int((audiences.get(s.advocate_id) or {}).get(s.network) or 0) for s in self.shares
        }
        self.owner_of_link: dict[int, Share] = {}
        for share in self.shares:  # a link reused by a later share belongs to the first
            for link_id in [share.link_id, *(link.pk for link in share.extra_links.all())]:
                if link_id and link_id not in self.owner_of_link:
                    self.owner_of_link[link_id] = share
        self.clicks = list(Click.objects.filter(counted=True).values_list("link_id", "at", "kind"))

    def figures(self, start: dt.date, end: dt.date, dim: str = Dim.ALL, key: str = ""):
        return self.by(dim, start, end).get(key, (0, 0, 0, 0))

    def by(self, dim: str, start: dt.date, end: dt.date) -> dict[str, tuple[int, int, int, int]]:
        """(shares, clicks, previews, reach) per key of a dimension, counted one by one."""
        table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for share in self.shares:
            if start <= _day(share.created_at) <= end:
                for key in share_attributes(share)[dim]:
                    table[key][0] += 1
                    table[key][3] += self.reach[share.pk]
        for link_id, at, kind in self.clicks:
            share = self.owner_of_link.get(link_id)
            if share is None or not start <= _day(at) <= end:
                continue
            for key in share_attributes(share)[dim]:
                table[key][1 if kind == Click.Kind.HUMAN else 2] += 1
        return {k: tuple(v) for k, v in table.items() if any(v)}

    def day_by_day(self, start: dt.date, end: dt.date, dim=Dim.ALL, key="") -> list[tuple]:
        days = []
        day = start
        while day <= end:
            days.append((day, self.figures(day, day, dim, key)))
            day += dt.timedelta(days=1)
        return days

    def people(self, dim: str) -> dict[str, int]:
        """How many advocates ever shared into each key."""
        sharers: dict[str, set[int]] = defaultdict(set)
        for share in self.shares:
            for key in share_attributes(share)[dim]:
                sharers[key].add(share.advocate_id)
        return {k: len(v) for k, v in sharers.items()}

    def active(self, start: dt.date, end: dt.date) -> int:
        return len({s.advocate_id for s in self.shares if start <= _day(s.created_at) <= end})

    def clicks_by_hour(self, advocate_id: int, start, end, zone) -> Counter:
        """(weekday, hour) in the advocate's zone → counted human clicks on their links."""
        counter: Counter = Counter()
        for link_id, at, kind in self.clicks:
            share = self.owner_of_link.get(link_id)
            if share is None or share.advocate_id != advocate_id or kind != Click.Kind.HUMAN:
                continue
            if start <= _day(at) <= end:
                local = at.astimezone(zone)
                counter[(local.weekday(), local.hour)] += 1
        return counter
