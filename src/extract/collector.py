"""Python's cyclic garbage collector, held off where it only costs time."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """Run the block with the cyclic garbage collector off (as it was
    after); reference counting still frees everything as usual. Serializing
    a report makes hundreds of thousands of dicts and lists that all live
    until the text is written and form no cycles: each full collection
    meanwhile walks all of them and every object of the report again, so on
    a long report the collections cost more than the serializing (0.45 of
    0.8 s on 300 pages). With ``freeze``, every object alive at the end is
    moved out of the collector's reach for good (``gc.freeze``): for the
    objects of a program's start-up (modules, classes, the rules), which
    live to the end and which every later full collection would walk again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if freeze:
                gc.freeze()
            gc.enable()
