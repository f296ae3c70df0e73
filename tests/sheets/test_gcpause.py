"""The collector pause around a read: nested blocks leave the collector as they found it."""

from __future__ import annotations

import gc

import pytest

from sheets.gcpause import collection_paused


def test_the_collector_is_off_inside_and_back_on_after():
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not turn it back on
    assert gc.isenabled()


def test_an_error_inside_still_turns_it_back_on():
    @collection_paused()
    def fails():
        assert not gc.isenabled()
        raise ValueError("a broken sheet")

    with pytest.raises(ValueError):
        fails()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
