#!/usr/bin/env python3
"""Derives the bundled price catalog (data/pricing/*.json) from the shared price samples.

Inputs (read-only, ../shared/data/prices, see its MANIFEST.md):
  aws_ec2instances_info/ec2_instances_2017-11-12.json     vantage-sh/ec2instances.info (MIT)
  aws_ec2instances_info/ec2_single_instance_x2iedn.32xlarge_current.json  (same, 2026 schema)
  aws_ec2instances_info/rds_instances_2021-08-03.json     (same, RDS)
  azure_finops_toolkit/EA_ActualCost_Small.csv, EA_AmortizedCost_Small.csv  microsoft/finops-toolkit (MIT)
Outputs: aws_ec2.json, aws_rds.json, azure_vm.json (specs + list prices where a source has them),
machine_shapes.json (documented shapes of current types, no prices), fixed_rates.json (storage,
IP, NAT, LB constants). Python 3 stdlib only. Usage:
  python3 scripts/derive_price_catalog.py [--shared ../shared/data/prices] [--out data/pricing]
"""
import argparse
import csv
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))

RESERVED_KEY = re.compile(r"^yrTerm([13])(Standard|Convertible)?\.(noUpfront|partialUpfront|allUpfront)$")
PAYMENT = {"noUpfront": "no-upfront", "partialUpfront": "partial-upfront", "allUpfront": "all-upfront"}


def option_key(term, offering, payment):
    """The PricingOption::to_string() spelling: 'reserved 1y standard no-upfront'."""
    return f"reserved {term}y {offering} {payment}"


def price_text(value):
    """Exact decimal text of a price; floats (RDS) are rounded to 10 places."""
    if isinstance(value, str):
        v = value.strip()
        return v if re.fullmatch(r"\d+(\.\d+)?", v) else None
    if isinstance(value, (int, float)):
        t = f"{value:.10f}".rstrip("0").rstrip(".")
        return t or "0"
    return None


def prices_of(entry):
    """{'on-demand': '0.1', 'reserved 1y standard no-upfront': '0.062', ...} of one pricing entry."""
    out = {}
    od = price_text(entry.get("ondemand"))
    if od is not None and od != "0":
        out["on-demand"] = od
    for key, value in (entry.get("reserved") or {}).items():
        m = RESERVED_KEY.match(key)
        p = price_text(value)
        if not m or p is None:
            continue
        offering = (m.group(2) or "Standard").lower()
        out[option_key(m.group(1), offering, PAYMENT[m.group(3)])] = p
    return out


def vendor_of(processor):
    p = (processor or "").lower()
    if "graviton" in p:
        return "graviton"
    if "amd" in p or "epyc" in p:
        return "amd"
    if "intel" in p or "xeon" in p:
        return "intel"
    return "unknown"


def generation_of(family):
    m = re.search(r"(\d+)", family)
    return int(m.group(1)) if m else 0


def ec2_instance(x, source):
    itype = x["instance_type"]
    family = itype.split(".")[0]
    arch = x.get("arch") or []
    prices = {}
    for region, by_os in sorted((x.get("pricing") or {}).items()):
        linux = by_os.get("linux")
        if linux:
            p = prices_of(linux)
            if p:
                prices[region] = p
    return {
        "type": itype,
        "family": family,
        "category": (x.get("family") or "").lower(),
        "generation": generation_of(family),
        "vcpu": int(x.get("vCPU") or 0),
        "memory_gib": float(x.get("memory") or 0),
        "gpus": int(x.get("GPU") or 0),
        "architecture": "arm64" if "arm64" in arch else "x86_64",
        "vendor": vendor_of(x.get("physical_processor")),
        "previous_generation": x.get("generation") == "previous",
        "database": False,
        "source": source,
        "prices": prices,
    }


def derive_aws_ec2(shared):
    base = os.path.join(shared, "aws_ec2instances_info")
    with open(os.path.join(base, "ec2_instances_2017-11-12.json"), encoding="utf-8") as f:
        old = json.load(f)
    with open(os.path.join(base, "ec2_single_instance_x2iedn.32xlarge_current.json"), encoding="utf-8") as f:
        current = json.load(f)
    instances = [ec2_instance(x, "ec2instances.info 2017-11-12") for x in old]
    instances.append(ec2_instance(current, "ec2instances.info 2026-07-20 (x2iedn mock)"))
    instances.sort(key=lambda i: i["type"])
    return {
        "source": "vantage-sh/ec2instances.info www/instances.json @94e1f006 (2017-11-12) and "
                  "next/utils/mocks/ec2_single_instance.json @4ef36cd2 (2026-07-20); MIT licence, "
                  "(c) 2013 Garret Heaton. Linux on-demand and reserved effective $/h, historical "
                  "prices: do not present as current.",
        "price_basis": "Linux",
        "currency": "USD",
        "instances": instances,
    }


def derive_aws_rds(shared):
    path = os.path.join(shared, "aws_ec2instances_info", "rds_instances_2021-08-03.json")
    with open(path, encoding="utf-8") as f:
        rows = json.load(f)
    instances = []
    for x in rows:
        itype = x["instance_type"]
        family = ".".join(itype.split(".")[:2])
        prices = {}
        for region, by_engine in sorted((x.get("pricing") or {}).items()):
            pg = by_engine.get("PostgreSQL")
            if pg:
                p = prices_of(pg)
                if p:
                    prices[region] = p
        processor = x.get("physicalProcessor") or ""
        instances.append({
            "type": itype,
            "family": family,
            "category": (x.get("family") or "").lower(),
            "generation": generation_of(family.split(".")[1]),
            "vcpu": int(float(x.get("vcpu") or 0)),
            "memory_gib": float(x.get("memory") or 0),
            "gpus": 0,
            "architecture": "arm64" if "graviton" in processor.lower() else "x86_64",
            "vendor": vendor_of(processor),
            "previous_generation": x.get("currentGeneration") == "No",
            "database": True,
            "source": "ec2instances.info RDS 2021-08-03",
            "prices": prices,
        })
    instances.sort(key=lambda i: i["type"])
    return {
        "source": "vantage-sh/ec2instances.info www/rds/instances.json @14ede5a5 (2021-08-03); MIT "
                  "licence. PostgreSQL single-AZ on-demand and reserved effective $/h, historical.",
        "price_basis": "PostgreSQL single-AZ",
        "currency": "USD",
        "instances": instances,
    }


def derive_azure_vm(shared, shapes):
    """List prices of the VM sizes billed in the finops-toolkit EA samples (Sept 2023, USD):
    UnitPrice is the EA on-demand price per hour; EffectivePrice of a Reservation row is the
    reservation's effective hourly rate for its term (monthly and upfront payment cost the same)."""
    base = os.path.join(shared, "azure_finops_toolkit")
    found = {}
    for name in ("EA_ActualCost_Small.csv", "EA_AmortizedCost_Small.csv"):
        with open(os.path.join(base, name), encoding="utf-8-sig") as f:
            for r in csv.DictReader(f):
                if r["MeterCategory"] != "Virtual Machines" or r["ChargeType"] != "Usage":
                    continue
                if r["UnitOfMeasure"] != "1 Hour":
                    continue
                info = json.loads(r["AdditionalInfo"] or "{}")
                size = info.get("ServiceType")
                if not size:
                    continue
                region = r["ResourceLocation"].lower()
                p = found.setdefault(size, {}).setdefault(region, {})
                p["on-demand"] = price_text(r["UnitPrice"])
                if r["PricingModel"] == "Reservation" and r["Term"] in ("12", "36"):
                    term = "1" if r["Term"] == "12" else "3"
                    for payment in ("no-upfront", "all-upfront"):
                        p[option_key(term, "standard", payment)] = price_text(r["EffectivePrice"])
    by_type = {s["type"]: s for s in shapes if s["provider"] == "azure"}
    instances = []
    for size in sorted(found):
        shape = by_type.get(size)
        if shape is None:
            raise SystemExit(f"azure size {size} has a price but no shape in SHAPES")
        inst = {k: v for k, v in shape.items() if k != "provider"}
        inst["source"] = "finops-toolkit EA samples 2023-09"
        inst["prices"] = found[size]
        instances.append(inst)
    return {
        "source": "microsoft/finops-toolkit src/powershell/Tests/assets/EA_{Actual,Amortized}"
                  "Cost_Small.csv @04d370f3 (Sept 2023 'Trey Research Demo' EA tenant); MIT licence. "
                  "EA UnitPrice per hour (Linux), reservation EffectivePrice; historical.",
        "price_basis": "Linux (EA unit price)",
        "currency": "USD",
        "instances": instances,
    }


# Documented machine shapes of current types that the price samples lack, typed as data:
# (provider, family, category, generation, architecture, vendor, previous, [(size, vcpu, GiB)]).
# Sources: AWS EC2 instance-type pages (aws.amazon.com/ec2/instance-types), Azure VM size docs
# (learn.microsoft.com/azure/virtual-machines/sizes), GCP machine families
# (cloud.google.com/compute/docs/machine-resource). Shapes only: no prices.
AWS_SIZES = [("large", 2), ("xlarge", 4), ("2xlarge", 8), ("4xlarge", 16), ("8xlarge", 32)]


def aws_family(family, category, gen, arch, vendor, gib_per_vcpu, previous=False, sizes=AWS_SIZES):
    return [("aws", f"{family}.{s}", family, category, gen, arch, vendor, previous, v, v * gib_per_vcpu)
            for s, v in sizes]


T_SIZES = [("micro", 2, 1), ("small", 2, 2), ("medium", 2, 4), ("large", 2, 8), ("xlarge", 4, 16),
           ("2xlarge", 8, 32)]


def t_family(family, gen, arch, vendor):
    return [("aws", f"{family}.{s}", family, "general purpose", gen, arch, vendor, False, v, g)
            for s, v, g in T_SIZES]


def azure(size, family, category, gen, arch, vendor, vcpu, gib, previous=False):
    return [("azure", size, family, category, gen, arch, vendor, previous, vcpu, gib)]


def gcp_family(family, category, gen, arch, vendor, kind, gib_per_vcpu, vcpus=(2, 4, 8, 16, 32)):
    return [("gcp", f"{family}-{kind}-{v}", family, category, gen, arch, vendor, False, v, v * gib_per_vcpu)
            for v in vcpus]


SHAPES = (
    aws_family("m5", "general purpose", 5, "x86_64", "intel", 4)
    + aws_family("m5a", "general purpose", 5, "x86_64", "amd", 4)
    + aws_family("m6i", "general purpose", 6, "x86_64", "intel", 4)
    + aws_family("m6a", "general purpose", 6, "x86_64", "amd", 4)
    + aws_family("m6g", "general purpose", 6, "arm64", "graviton", 4)
    + aws_family("m7i", "general purpose", 7, "x86_64", "intel", 4)
    + aws_family("m7g", "general purpose", 7, "arm64", "graviton", 4)
    + aws_family("c6i", "compute optimized", 6, "x86_64", "intel", 2)
    + aws_family("c6g", "compute optimized", 6, "arm64", "graviton", 2)
    + aws_family("c7g", "compute optimized", 7, "arm64", "graviton", 2)
    + aws_family("r5", "memory optimized", 5, "x86_64", "intel", 8)
    + aws_family("r6i", "memory optimized", 6, "x86_64", "intel", 8)
    + aws_family("r6g", "memory optimized", 6, "arm64", "graviton", 8)
    + aws_family("r7g", "memory optimized", 7, "arm64", "graviton", 8)
    + t_family("t3", 3, "x86_64", "intel")
    + t_family("t3a", 3, "x86_64", "amd")
    + t_family("t4g", 4, "arm64", "graviton")
    + azure("Standard_B1s", "Bs", "general purpose", 1, "x86_64", "unknown", 1, 1)
    + azure("Standard_B2s", "Bs", "general purpose", 1, "x86_64", "unknown", 2, 4)
    + azure("Standard_B2ms", "Bs", "general purpose", 1, "x86_64", "unknown", 2, 8)
    + azure("Standard_DS2_v2", "DSv2", "general purpose", 2, "x86_64", "intel", 2, 7, previous=True)
    + azure("Standard_D2s_v3", "Dsv3", "general purpose", 3, "x86_64", "intel", 2, 8)
    + azure("Standard_D4s_v3", "Dsv3", "general purpose", 3, "x86_64", "intel", 4, 16)
    + [row for v in (2, 4, 8, 16) for row in
       azure(f"Standard_D{v}s_v5", "Dsv5", "general purpose", 5, "x86_64", "intel", v, 4 * v)
       + azure(f"Standard_D{v}as_v5", "Dasv5", "general purpose", 5, "x86_64", "amd", v, 4 * v)
       + azure(f"Standard_D{v}ps_v5", "Dpsv5", "general purpose", 5, "arm64", "ampere", v, 4 * v)
       + azure(f"Standard_E{v}s_v5", "Esv5", "memory optimized", 5, "x86_64", "intel", v, 8 * v)
       + azure(f"Standard_F{v}s_v2", "Fsv2", "compute optimized", 2, "x86_64", "intel", v, 2 * v)]
    + gcp_family("e2", "general purpose", 2, "x86_64", "unknown", "standard", 4)
    + gcp_family("n1", "general purpose", 1, "x86_64", "intel", "standard", 3.75)
    + gcp_family("n2", "general purpose", 2, "x86_64", "intel", "standard", 4)
    + gcp_family("n2", "memory optimized", 2, "x86_64", "intel", "highmem", 8)
    + gcp_family("n2d", "general purpose", 2, "x86_64", "amd", "standard", 4)
    + gcp_family("t2a", "general purpose", 2, "arm64", "ampere", "standard", 4, vcpus=(2, 4, 8, 16))
    + gcp_family("c2", "compute optimized", 2, "x86_64", "intel", "standard", 4, vcpus=(4, 8, 16, 30))
)


def shapes_json():
    out = []
    for (provider, itype, family, category, gen, arch, vendor, previous, vcpu, gib) in SHAPES:
        out.append({"provider": provider, "type": itype, "family": family, "category": category,
                    "generation": gen, "vcpu": vcpu, "memory_gib": float(gib), "gpus": 0,
                    "architecture": arch, "vendor": vendor, "previous_generation": previous,
                    "database": False})
    return out


# Storage and network constants, public list prices of the base region (USD), as published on the
# providers' pricing pages (aws.amazon.com/ebs/pricing, /vpc/pricing, /elasticloadbalancing/pricing;
# azure.microsoft.com/pricing/details/{ip-addresses,azure-nat-gateway,load-balancer};
# cloud.google.com/compute/{disks-image-pricing,vpc/network-pricing}). Not in the shared data:
# typed here, one value per item, applied to every region of the provider (no regional factor).
FIXED_RATES = {
    "aws": {"region": "us-east-1", "storage_gb_month": {
        "gp2": "0.10", "gp3": "0.08", "io1": "0.125", "io2": "0.125", "st1": "0.045",
        "sc1": "0.015", "standard": "0.05", "snapshot": "0.05"},
        "hourly": {"idle_public_ip": "0.005", "nat_gateway": "0.045", "load_balancer": "0.0225"}},
    "azure": {"region": "eastus", "storage_gb_month": {
        "snapshot": "0.05"},
        "hourly": {"idle_public_ip": "0.005", "nat_gateway": "0.045", "load_balancer": "0.025"}},
    "gcp": {"region": "us-central1", "storage_gb_month": {
        "pd-standard": "0.04", "pd-balanced": "0.10", "pd-ssd": "0.17", "snapshot": "0.05"},
        "hourly": {"idle_public_ip": "0.01", "nat_gateway": "0.045", "load_balancer": "0.025"}},
}


def write(path, obj):
    """Top-level keys one per line, each list item on one compact line (diffable, small)."""
    lines = []
    for key, value in obj.items():
        if isinstance(value, list):
            items = ",\n".join("  " + json.dumps(v, separators=(",", ":")) for v in value)
            lines.append(f" {json.dumps(key)}: [\n{items}\n ]")
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value, separators=(',', ':'))}")
    with open(path, "w", encoding="utf-8") as f:
        f.write("{\n" + ",\n".join(lines) + "\n}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared", "data", "prices"))
    ap.add_argument("--out", default=os.path.join(HERE, "..", "data", "pricing"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    shapes = shapes_json()
    write(os.path.join(args.out, "aws_ec2.json"), derive_aws_ec2(args.shared))
    write(os.path.join(args.out, "aws_rds.json"), derive_aws_rds(args.shared))
    write(os.path.join(args.out, "azure_vm.json"), derive_azure_vm(args.shared, shapes))
    write(os.path.join(args.out, "machine_shapes.json"), {
        "source": "documented machine shapes (AWS EC2 instance types, Azure VM sizes, GCP machine "
                  "families pages); specs only, no list price",
        "instances": shapes})
    write(os.path.join(args.out, "fixed_rates.json"), {
        "source": "provider pricing pages, base region list prices (see scripts/"
                  "derive_price_catalog.py FIXED_RATES); not region-specific",
        "currency": "USD", "providers": FIXED_RATES})


if __name__ == "__main__":
    main()
