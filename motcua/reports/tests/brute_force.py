"""The statistics computed straight from the event log, dossier by dossier, with none of the engine's code:
the reference the counters are checked against."""

from collections import defaultdict
from datetime import date

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from motcua.dossiers.models import Dossier, DossierEvent

EXITS = {"resolve", "withdraw", "refuse", "stop"}


def _story(dossier, events):
    story = {"entered": None, "channel": dossier.channel, "exit": None, "exit_kind": None, "dues": [], "minutes": 0}
    for event in events:
        day = timezone.localdate(event.at)
        if event.action == "submit":
            story["entered"] = day
        if event.action in EXITS and story["exit"] is None:
            story["exit"] = day
            story["exit_kind"] = event.payload["timeliness"] if event.action == "resolve" else event.action
            if event.action == "resolve":
                story["minutes"] = int((event.at - dossier.received_at).total_seconds() // 60)
        due = event.payload.get("due_at") or event.payload.get("new_due_at")
        if due and event.action not in EXITS:
            story["dues"].append((day, timezone.localdate(parse_datetime(due))))
    return story


def stories(dossiers=None) -> list[tuple]:
    events = defaultdict(list)
    for event in DossierEvent.objects.order_by("at", "id"):
        events[event.dossier_id].append(event)
    chosen = Dossier.objects.select_related("receiving_agency").exclude(status="draft")
    return [
        (dossier.receiving_agency.code, dossier.receiving_agency.level, _story(dossier, events[dossier.pk]))
        for dossier in chosen
    ]


def figures(all_stories, date_from: date, date_to: date, *, level=None, agency_code=None) -> dict:
    result = defaultdict(int)
    for code, agency_level, story in all_stories:
        if (level and agency_level != level) or (agency_code and code != agency_code) or story["entered"] is None:
            continue
        entered, left = story["entered"], story["exit"]
        if entered < date_from and (left is None or left >= date_from):
            result["carried_over"] += 1
        if date_from <= entered <= date_to:
            result[story["channel"]] += 1
        if left is not None and date_from <= left <= date_to:
            result[story["exit_kind"]] += 1
            result["processing_minutes"] += story["minutes"]
        if entered <= date_to and (left is None or left > date_to):
            known = [due for day, due in story["dues"] if day <= date_to]
            result["overdue" if known and known[-1] <= date_to else "in_time"] += 1
    return {key: value for key, value in result.items() if value}


def engine_figures(summary) -> dict:
    values = {
        "carried_over": summary.received.carried_over,
        "online": summary.received.online,
        "direct": summary.received.direct,
        "postal": summary.received.postal,
        "early": summary.resolved.early,
        "on_time": summary.resolved.on_time,
        "late": summary.resolved.late,
        "withdraw": summary.withdrawn,
        "refuse": summary.refused,
        "stop": summary.stopped,
        "overdue": summary.pending.overdue,
        "in_time": summary.pending.in_time,
        "processing_minutes": summary.processing_minutes,
    }
    return {key: value for key, value in values.items() if value}
