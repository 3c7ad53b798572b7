#!/usr/bin/env python3
"""Derives data/focus/columns.json from the FOCUS column metadata in ../shared/data/focus.

The FOCUS specification is CC BY 4.0 (FinOps Open Cost and Usage Spec). The ServiceSubcategory
list comes from the spec's table (the shared JSON holds parent categories in that column).
Usage: python3 scripts/derive_focus_columns.py [SHARED_FOCUS_DIR]
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared", "data", "focus")
SUBCATEGORIES = {
    "AI and Machine Learning": "AI Platforms; Bots; Generative AI; Machine Learning; Natural Language Processing; Other (AI and Machine Learning)",
    "Analytics": "Analytics Platforms; Business Intelligence; Data Processing; Search; Streaming Analytics; Other (Analytics)",
    "Business Applications": "Productivity and Collaboration; Other (Business Applications)",
    "Compute": "Containers; End User Computing; Quantum Compute; Serverless Compute; Virtual Machines; Other (Compute)",
    "Databases": "Caching; Data Warehouses; Ledger Databases; NoSQL Databases; Relational Databases; Time Series Databases; Other (Databases)",
    "Developer Tools": "Developer Platforms; Continuous Integration and Deployment; Development Environments; Source Code Management; Quality Assurance; Other (Developer Tools)",
    "Identity": "Identity and Access Management; Other (Identity)",
    "Integration": "API Management; Messaging; Workflow Orchestration; Other (Integration)",
    "Internet of Things": "IoT Analytics; IoT Platforms; Other (Internet of Things)",
    "Management and Governance": "Architecture; Compliance; Cost Management; Data Governance; Disaster Recovery; Endpoint Management; Observability; Support; Other (Management and Governance)",
    "Media": "Content Creation; Gaming; Media Streaming; Mixed Reality; Other (Media)",
    "Migration": "Data Migration; Resource Migration; Other (Migration)",
    "Mobile": "Other (Mobile)",
    "Multicloud": "Multicloud Integration; Other (Multicloud)",
    "Networking": "Application Networking; Content Delivery; Network Connectivity; Network Infrastructure; Network Routing; Network Security; Other (Networking)",
    "Other": "Other (Other)",
    "Security": "Secret Management; Security Posture Management; Threat Detection and Response; Other (Security)",
    "Storage": "Backup Storage; Block Storage; File Storage; Object Storage; Storage Platforms; Other (Storage)",
    "Web": "Application Platforms; Other (Web)",
}


def value_format(column):
    fmt = column["Value format"]
    if fmt.startswith("Allowed"):
        return "allowed_values"
    if "Numeric" in fmt:
        return "numeric"
    if "Date" in fmt:
        return "datetime"
    if "Currency" in fmt:
        return "currency"
    if "Unit" in fmt:
        return "unit"
    if "Key" in fmt or "JSON" in column["Data type"]:
        return "key_value"
    return "string"


def main():
    out = {
        "_source": "Derived from the FOCUS specification (CC BY 4.0, FinOps Open Cost and Usage Spec, "
                   "tags v1.0, v1.1, v1.2) via ../shared/data/focus/focus_columns_v1.*.json. "
                   "Regenerate with scripts/derive_focus_columns.py.",
        "versions": {},
    }
    for minor in ["0", "1", "2"]:
        with open(os.path.join(SHARED, f"focus_columns_v1.{minor}.json")) as f:
            data = json.load(f)
        columns = []
        for name, c in data.items():
            allowed = c["allowed"]
            if name == "ServiceSubcategory":
                allowed = [s for v in SUBCATEGORIES.values() for s in v.split("; ")]
            columns.append({
                "name": name, "column_type": c["Column type"], "level": c["Feature level"],
                "allows_nulls": c["Allows nulls"] == "True", "data_type": c["Data type"],
                "value_format": value_format(c), "allowed_values": allowed, "introduced": c["intro"],
            })
        out["versions"]["1." + minor] = columns
    out["service_subcategories"] = {k: v.split("; ") for k, v in SUBCATEGORIES.items()}
    with open(os.path.join(HERE, "..", "data", "focus", "columns.json"), "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
