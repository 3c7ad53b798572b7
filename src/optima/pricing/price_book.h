// PriceBook: every price the recommenders need, in one place. Rates learned from the customer's
// bill win over the bundled catalog (data/pricing: ec2instances.info EC2/RDS list prices,
// Azure EA sample prices, documented machine shapes, storage / IP / NAT / LB constants); every
// Rate says where it came from.
//
// Build it once (load, then optionally learn_from_bill), then share it read-only: const methods
// are thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "optima/core/status.h"
#include "optima/core/time.h"
#include "optima/pricing/instance_spec.h"
#include "optima/pricing/learned_rate.h"
#include "optima/pricing/rate.h"
#include "optima/store/table_source.h"

namespace optima::pricing {

class PriceCatalog;

// Hourly fees of network items (catalog constants with a source note).
enum class HourlyFee { kIdlePublicIp, kNatGateway, kLoadBalancer };
// "idle_public_ip", "nat_gateway", "load_balancer".
std::string_view hourly_fee_name(HourlyFee fee);

class PriceBook {
 public:
  // Loads the catalog files of `catalog_dir` (the bundled one: default_catalog_dir()).
  // Errors: NotFound when a file is missing, InvalidArgument naming file and entry when one is
  // malformed.
  static core::Result<PriceBook> load(const std::filesystem::path& catalog_dir);
  // data/pricing, found as core::find_data_file does.
  static core::Result<std::filesystem::path> default_catalog_dir();
  // load(default_catalog_dir()): the bundled catalog, as the CLI, the API and the recommenders
  // use it.
  static core::Result<PriceBook> load_bundled();

  PriceBook(PriceBook&&) noexcept;
  PriceBook& operator=(PriceBook&&) noexcept;
  ~PriceBook();

  // Learns effective rates from the bill rows of `period` (see learn_rates) and uses them ahead
  // of the catalog. Replaces rates learned before.
  core::Status learn_from_bill(const store::TableSource& source, core::Period period);
  const std::vector<LearnedRate>& learned_rates() const;

  // The hourly rate of one instance of `instance_type` in `region`. On demand: the bill's
  // effective rate of Standard-priced usage when learned, else the catalog's on-demand Linux
  // list price. Reserved: the catalog's effective hourly rate of that term / payment / class.
  // `provider` is a FOCUS ProviderName or key (parse_provider).
  // Errors: NotFound ("no list price for m7g.large in us-east-1") when neither source has it,
  // InvalidArgument for an unknown provider.
  core::Result<Rate> hourly_rate(std::string_view provider, std::string_view region,
                                 std::string_view instance_type,
                                 const PricingOption& option = PricingOption::on_demand()) const;
  // As hourly_rate but ignoring the bill: the public list price.
  core::Result<Rate> catalog_hourly_rate(
      std::string_view provider, std::string_view region, std::string_view instance_type,
      const PricingOption& option = PricingOption::on_demand()) const;

  // Per GB-month rate of a volume type ("gp2", "gp3", "io1", "io2", "st1", "sc1", "standard",
  // "snapshot"; Azure "standard_hdd", "standard_ssd", "premium_ssd"; GCP "pd-standard",
  // "pd-balanced", "pd-ssd", "snapshot"). Bill first (a learned rate whose unit is per
  // GB-month and whose SKU names the type), else catalog. Errors: NotFound.
  core::Result<Rate> storage_rate(std::string_view provider, std::string_view region,
                                  std::string_view volume_type) const;
  // Hourly fee of an idle public IP, a NAT gateway or a load balancer: the bill's hourly rate of
  // the usage type / meter that bills it (NatGateway-Hours, LoadBalancerUsage,
  // PublicIPv4:IdleAddress, Azure "Static Public IP", Google "Cloud NAT Gateway", "Forwarding
  // Rule", "Static Ip Charge") when learned, else the catalog constant. Errors: NotFound.
  core::Result<Rate> hourly_fee(std::string_view provider, std::string_view region,
                                HourlyFee fee) const;

  // The catalog's spec of an instance type. Errors: NotFound, InvalidArgument (provider).
  core::Result<InstanceSpec> instance_spec(std::string_view provider,
                                           std::string_view instance_type) const;
  // Catalog types that meet `requirement` and are a cheaper same-family size, a newer
  // generation, an ARM or an AMD equivalent of `current`, each priced in `region` when a rate
  // is known; ordered by kind, then by hourly rate (unpriced last), then by type.
  std::vector<Alternative> alternatives(const InstanceSpec& current, const Requirement& requirement,
                                        std::string_view region) const;
  // Regions with a catalog on-demand price for the type, sorted.
  std::vector<std::string> catalog_regions(std::string_view provider,
                                           std::string_view instance_type) const;

 private:
  explicit PriceBook(std::unique_ptr<const PriceCatalog> catalog);
  std::unique_ptr<const PriceCatalog> catalog_;
  std::vector<LearnedRate> learned_;
};

}  // namespace optima::pricing
