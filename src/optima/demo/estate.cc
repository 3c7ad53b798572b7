#include "optima/demo/estate.h"

namespace optima::demo {

std::string_view env_name(Env env) {
  switch (env) {
    case Env::kProd: return "prod";
    case Env::kStaging: return "staging";
    case Env::kDev: return "dev";
  }
  return "";
}

std::string_view resource_kind_name(ResourceKind kind) {
  switch (kind) {
    case ResourceKind::kVm: return "vm";
    case ResourceKind::kScaleSet: return "scale_set";
    case ResourceKind::kDisk: return "disk";
    case ResourceKind::kPublicIp: return "public_ip";
    case ResourceKind::kDatabase: return "database";
    case ResourceKind::kBucket: return "bucket";
    case ResourceKind::kNatGateway: return "nat_gateway";
    case ResourceKind::kLoadBalancer: return "load_balancer";
    case ResourceKind::kFunction: return "function";
    case ResourceKind::kClusterControlPlane: return "cluster_control_plane";
    case ResourceKind::kTransitGateway: return "transit_gateway";
    case ResourceKind::kWarehouse: return "warehouse";
  }
  return "";
}

std::string_view profile_name(Profile profile) {
  switch (profile) {
    case Profile::kNone: return "none";
    case Profile::kIdle: return "idle";
    case Profile::kOversized: return "oversized";
    case Profile::kRightSized: return "right_sized";
    case Profile::kBusy: return "busy";
  }
  return "";
}

std::string_view anomaly_kind_name(AnomalyKind kind) {
  switch (kind) {
    case AnomalyKind::kSpike: return "spike";
    case AnomalyKind::kLevelShift: return "level_shift";
    case AnomalyKind::kDrift: return "drift";
  }
  return "";
}

}  // namespace optima::demo
