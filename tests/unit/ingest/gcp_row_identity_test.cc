#include "optima/ingest/gcp_row_identity.h"

#include <gtest/gtest.h>

namespace optima::ingest {
namespace {

GcpExportRow base_row() {
  GcpExportRow row;
  row.billing_account_id = "01";
  row.invoice_month = "202403";
  row.service_id = "S";
  row.sku_id = "K";
  row.usage_start_time = core::Timestamp{1710057600};
  row.usage_end_time = core::Timestamp{1710061200};
  row.project_id = "p";
  row.region = "us-central1";
  row.resource_global_name = "//compute.googleapis.com/projects/p/zones/z/instances/1";
  row.labels = {{"app", "web"}};
  row.cost = core::Decimal::from_int(1);
  row.export_time_us = 1;
  return row;
}

TEST(GcpRowIdentityTest, RestatedValuesKeepTheIdentity) {
  const GcpExportRow a = base_row();
  GcpExportRow b = base_row();
  b.cost = core::Decimal::from_int(2);
  b.cost_at_list = core::Decimal::from_int(3);
  b.usage_amount = core::Decimal::from_int(4);
  b.credits = {{"c", "", "c", "PROMOTION", core::Decimal::from_int(-1)}};
  b.export_time_us = 2;
  b.project_name = "renamed";
  b.project_labels = {{"team", "x"}};
  EXPECT_EQ(gcp_row_identity(a), gcp_row_identity(b));
}

TEST(GcpRowIdentityTest, WhatWasChargedChangesTheIdentity) {
  const GcpRowIdentity base = gcp_row_identity(base_row());
  auto differs = [&](auto change) {
    GcpExportRow row = base_row();
    change(row);
    return gcp_row_identity(row) != base;
  };
  EXPECT_TRUE(differs([](GcpExportRow& r) { r.sku_id = "K2"; }));
  EXPECT_TRUE(differs([](GcpExportRow& r) { r.usage_start_time = core::Timestamp{0}; }));
  EXPECT_TRUE(differs([](GcpExportRow& r) { r.labels = {{"app", "api"}}; }));
  EXPECT_TRUE(differs([](GcpExportRow& r) { r.labels.clear(); }));
  EXPECT_TRUE(differs([](GcpExportRow& r) { r.cost_type_value = GcpCostType::kTax; }));
  EXPECT_TRUE(differs([](GcpExportRow& r) { r.adjustment_id = "adj"; }));
  EXPECT_TRUE(differs([](GcpExportRow& r) { r.price_tier_start_amount = core::Decimal(); }));
  EXPECT_TRUE(differs([](GcpExportRow& r) { r.resource_global_name = ""; }));
  // Length-prefixed: moving a character between adjacent fields is a different identity.
  EXPECT_TRUE(differs([](GcpExportRow& r) {
    r.service_id = "SK";
    r.sku_id = "";
  }));
}

}  // namespace
}  // namespace optima::ingest
