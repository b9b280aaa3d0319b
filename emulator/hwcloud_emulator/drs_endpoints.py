# -*- coding: utf-8 -*-
# Copyright: (c) 2026, hwcloud.connections contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where a DRS job's source and target databases run, and what the batch connection test makes of it.

A seeded job may say, per side, ``source_endpoint`` / ``target_endpoint`` = ``{kind, instance_id?}`` with ``kind``
``self_built`` (an address the user runs), ``ecs`` (MySQL on a Huawei Cloud ECS) or ``rds`` (an RDS instance).
A test entry is on Huawei Cloud when its side is ``ecs`` or ``rds``, or, for a side of unknown kind, when it
carries ``inst_id`` (SDK TestEndPoint: "required for an RDS instance"). Such an endpoint is never dialled, whatever
its ``ip`` says; probes.simulate_endpoint answers for it.
"""

from __future__ import annotations

from typing import Any, NamedTuple

KINDS = ("self_built", "ecs", "rds")
CLOUD_KINDS = ("ecs", "rds")
FIELDS = {"so": "source_endpoint", "ta": "target_endpoint"}
SIDE_NAMES = {"so": "source", "ta": "target"}

# Per-endpoint result codes chosen by the emulator; UNCONFIRMED against the real service, which documents only the
# DRS.XXXXXX format. They continue the emulator's probe codes DRS.10020001-6 (probes.py).
MISSING_INST_ID_CODE = "DRS.10020007"    # an RDS endpoint without inst_id
INSTANCE_MISMATCH_CODE = "DRS.10020008"  # inst_id is not the job's instance (or the side is self-built)
MISSING_LOCATION_CODE = "DRS.10020009"   # an RDS endpoint without region and/or project_id


class Endpoint(NamedTuple):
    """One side of a job as the test sees it: its kind and the cloud instance that answers for it."""

    kind: str
    instance_id: str | None

    @property
    def on_cloud(self) -> bool:
        return self.kind in CLOUD_KINDS


def endpoint_spec(value: Any, field: str) -> dict[str, Any] | None:
    """The stored form of a seeded job's source_endpoint/target_endpoint; ValueError names what is wrong."""
    if value is None:
        return None
    if not isinstance(value, dict) or value.get("kind") not in KINDS:
        raise ValueError("%s must be an object whose kind is one of %s" % (field, ", ".join(KINDS)))
    unknown = sorted(set(value) - {"kind", "instance_id"})
    if unknown:
        raise ValueError("%s: unknown keys %s (only kind and instance_id)" % (field, ", ".join(unknown)))
    spec = {"kind": value["kind"]}
    if "instance_id" in value and value["instance_id"] is not None:
        if not isinstance(value["instance_id"], str) or not value["instance_id"]:
            raise ValueError("%s.instance_id must be a non-empty string" % field)
        if value["kind"] == "self_built":
            raise ValueError("%s.instance_id: a self_built endpoint has no instance" % field)
        spec["instance_id"] = value["instance_id"]
    return spec


def classify(job: dict[str, Any], entry: dict[str, Any]) -> tuple[tuple[str, str] | None, Endpoint]:
    """(error_code, error_msg) when the entry contradicts the job's endpoint on its side, and the endpoint to test."""
    configured = job.get(FIELDS[entry["end_point_type"]]) or {}
    inst_id = entry.get("inst_id") or None
    kind = configured.get("kind") or ("rds" if inst_id else "self_built")
    side = SIDE_NAMES[entry["end_point_type"]]
    expected = configured.get("instance_id")
    error = None
    if kind == "self_built" and inst_id:
        error = (INSTANCE_MISMATCH_CODE, "Invalid parameter inst_id: the %s database of job %s is self-built, "
                                         "it has no instance (got %s)." % (side, job["id"], inst_id))
    elif kind == "rds" and not inst_id:
        error = (MISSING_INST_ID_CODE, "Invalid parameter inst_id: it is required because the %s database of job %s "
                                       "is an RDS instance." % (side, job["id"]))
    elif inst_id and expected and inst_id != expected:
        error = (INSTANCE_MISMATCH_CODE, "Invalid parameter inst_id: %s is not the %s instance %s of job %s."
                                         % (inst_id, side, expected, job["id"]))
    elif kind == "rds":
        missing = [name for name in ("region", "project_id") if not entry.get(name)]
        if missing:
            error = (MISSING_LOCATION_CODE, "Invalid parameter %s: required because the %s database of job %s is an "
                                            "RDS instance." % (", ".join(missing), side, job["id"]))
    return error, Endpoint(kind, inst_id or expected)
