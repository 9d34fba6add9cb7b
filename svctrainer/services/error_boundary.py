"""Where store errors become service errors: the edge every front-end call crosses.

Each service class carries ``@translate_store_errors``; so does every module-level
service function a front end calls. Whatever the store raises inside (a locked file, a
full disk, a damaged page) leaves as the ``services.errors.DatabaseError`` of the same
case, with the same message and file, so the GUI and the CLI handle one family of errors
and never import the store.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

from svctrainer.services import errors
from svctrainer.store import errors as store_errors

_CASES: tuple[tuple[type[store_errors.StoreError], type[errors.DatabaseError]], ...] = (
    (store_errors.DatabaseBusyError, errors.DatabaseBusyError),
    (store_errors.DatabaseReadOnlyError, errors.DatabaseReadOnlyError),
    (store_errors.StorageFullError, errors.StorageFullError),
    (store_errors.DatabaseCorruptError, errors.DatabaseCorruptError),
    (store_errors.NotADatabaseError, errors.NotADatabaseError),
    (store_errors.DatabaseTooNewError, errors.DatabaseTooNewError),
    (store_errors.SchemaMismatchError, errors.SchemaMismatchError),
    (store_errors.DatabaseUnavailableError, errors.DatabaseUnavailableError),
    (store_errors.DuplicateRowError, errors.DuplicateRowError),
)


def as_service_error(exc: store_errors.StoreError) -> errors.DatabaseError:
    """The service error for a store error: same case, same message, same file."""
    path = Path(str(exc.path)) if exc.path is not None else None
    for store_kind, service_kind in _CASES:
        if isinstance(exc, store_kind):
            return service_kind(str(exc), path)
    return errors.DatabaseError(str(exc), path)


@contextmanager
def store_errors_translated() -> Iterator[None]:
    try:
        yield
    except store_errors.StoreError as exc:
        raise as_service_error(exc) from exc


T = TypeVar("T")


def translate_store_errors(target: T) -> T:
    """Decorate a service class (every public method) or a service function."""
    if isinstance(target, type):
        for name, member in list(vars(target).items()):
            if not name.startswith("_") and inspect.isfunction(member):
                setattr(target, name, _translated(member))
        return target
    if callable(target):
        return cast(T, _translated(target))  # same signature, wrapped
    raise TypeError(f"translate_store_errors cannot decorate {target!r}")


def _translated(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)  # also keeps ``@writes`` marks (they live in ``__dict__``)
    def call(*args: Any, **kwargs: Any) -> Any:
        with store_errors_translated():
            return fn(*args, **kwargs)

    return call
