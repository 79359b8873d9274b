"""The presenter's window asks for a step through the room (posture.story.Rooms.request / pending / take).

The audience window takes each request once and lands on the step it names; a presenter's window whose room is
gone (stopped, forgotten by the server) is refused; a step outside the story is refused; a request left in a room
that closes goes with it.
"""
from __future__ import annotations

import threading

import pytest

from posture import story as sto


def story(n: int = 4) -> list[sto.Step]:
    return [sto.Step(page="overview", title=f"Step {k}") for k in range(1, n + 1)]


@pytest.fixture
def rooms() -> sto.Rooms:
    r = sto.Rooms()
    r.publish("room", "default", story(), 0, started=100.0, now=100.0)
    return r


def test_a_request_is_taken_once(rooms):
    req = rooms.request("room", "next", now=101.0)
    assert (req.index, req.seq, req.asked) == (1, 1, 101.0)
    assert rooms.pending("room") == req  # the audience's poll looks without taking
    assert rooms.take("room") == req
    assert rooms.take("room") is None and rooms.pending("room") is None
    assert rooms.request("room", "next").seq == 2  # numbered per room


def test_next_counts_from_the_pending_request_and_a_newer_one_replaces_it(rooms):
    """Two quick clicks before the audience window moved once: two steps on, one request."""
    rooms.request("room", "next")
    rooms.request("room", "next")
    assert rooms.take("room").index == 2
    rooms.publish("room", "default", story(), 2, started=100.0, now=103.0)  # the audience landed on step 3
    assert rooms.request("room", "back").index == 1
    assert rooms.request("room", "goto", index=3).index == 3
    assert rooms.take("room").index == 3 and rooms.take("room") is None


def test_an_unknown_or_stopped_room_is_refused(rooms):
    assert rooms.request("elsewhere", "next") is None
    assert rooms.pending("elsewhere") is None and rooms.take("elsewhere") is None
    rooms.close("room")  # the audience pressed Stop: a presenter's window left open asks in vain
    assert rooms.request("room", "next") is None
    rooms.publish("fresh", "default", story(), 0, 0, 0)
    assert rooms.request("room", "goto", index=0) is None


def test_a_step_outside_the_story_is_refused(rooms):
    assert rooms.request("room", "goto", index=4) is None  # four steps: 0..3
    assert rooms.request("room", "goto", index=-1) is None
    assert rooms.request("room", "back") is None  # at the first step
    rooms.publish("room", "default", story(), 3, 100.0, 104.0)
    assert rooms.request("room", "next") is None  # at the last step
    assert rooms.pending("room") is None
    with pytest.raises(ValueError):
        rooms.request("room", "goto", index="2")
    with pytest.raises(ValueError):
        rooms.request("room", "jump")


def test_a_request_for_a_step_the_story_lost_meanwhile_is_held_inside_it(rooms):
    rooms.request("room", "goto", index=3)
    rooms.publish("room", "default", story(2), 0, 100.0, 105.0)  # two steps removed while it waited
    assert rooms.take("room").index == 1


def test_requests_from_a_closed_room_are_dropped(rooms):
    rooms.request("room", "next")
    rooms.close("room")
    assert rooms.pending("room") is None and rooms.take("room") is None
    rooms.publish("room", "default", story(), 0, 100.0, 110.0)  # the same token published again
    assert rooms.take("room") is None
    assert rooms.request("room", "next").seq == 1


def test_a_room_pushed_out_by_newer_rooms_takes_its_request_with_it():
    rooms = sto.Rooms(limit=2)
    rooms.publish("a", "x", story(), 0, 0, 0)
    rooms.request("a", "next")
    rooms.publish("b", "x", story(), 0, 0, 0)
    rooms.publish("c", "x", story(), 0, 0, 0)
    assert rooms.get("a") is None and rooms.take("a") is None
    rooms.publish("a", "x", story(), 0, 0, 0)
    assert rooms.take("a") is None


def test_each_request_is_taken_by_one_taker_when_windows_race(rooms):
    """Many presenter clicks and many takers at once: every request numbered once, none taken twice."""
    taken: list[sto.Request] = []
    lock = threading.Lock()

    def ask():
        for _ in range(200):
            rooms.request("room", "goto", index=2)

    def take():
        for _ in range(400):
            req = rooms.take("room")
            if req is not None:
                with lock:
                    taken.append(req)

    threads = [threading.Thread(target=ask) for _ in range(3)] + [threading.Thread(target=take) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    last = rooms.take("room")
    seqs = [r.seq for r in taken] + ([last.seq] if last else [])
    assert len(seqs) == len(set(seqs))
    assert rooms.request("room", "next").seq == 601
