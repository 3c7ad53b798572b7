// The evaluate functions of every recommender; registry.cc puts them in its table. Each lives in
// <id>_recommender.cc and documents its rule there.
#pragma once

#include <vector>

#include "optima/recommend/registry.h"

namespace optima::recommend {

void evaluate_idle_vm(const RecommenderInfo&, ResourceView&, std::vector<Recommendation>*);
void evaluate_vm_rightsizing(const RecommenderInfo&, ResourceView&, std::vector<Recommendation>*);
void evaluate_previous_generation(const RecommenderInfo&, ResourceView&,
                                  std::vector<Recommendation>*);
void evaluate_spot_candidate(const RecommenderInfo&, ResourceView&, std::vector<Recommendation>*);
void evaluate_stopped_vm(const RecommenderInfo&, ResourceView&, std::vector<Recommendation>*);
void evaluate_unattached_disk(const RecommenderInfo&, ResourceView&, std::vector<Recommendation>*);
void evaluate_old_snapshot(const RecommenderInfo&, ResourceView&, std::vector<Recommendation>*);
void evaluate_gp2_to_gp3(const RecommenderInfo&, ResourceView&, std::vector<Recommendation>*);
void evaluate_overprovisioned_iops(const RecommenderInfo&, ResourceView&,
                                   std::vector<Recommendation>*);
void evaluate_object_storage_tiering(const RecommenderInfo&, ResourceView&,
                                     std::vector<Recommendation>*);
void evaluate_unused_ip(const RecommenderInfo&, ResourceView&, std::vector<Recommendation>*);
void evaluate_idle_load_balancer(const RecommenderInfo&, ResourceView&,
                                 std::vector<Recommendation>*);
void evaluate_idle_nat_gateway(const RecommenderInfo&, ResourceView&,
                               std::vector<Recommendation>*);
void evaluate_idle_database(const RecommenderInfo&, ResourceView&, std::vector<Recommendation>*);
void evaluate_database_rightsizing(const RecommenderInfo&, ResourceView&,
                                   std::vector<Recommendation>*);
void evaluate_off_hours_schedule(const RecommenderInfo&, ResourceView&,
                                 std::vector<Recommendation>*);
void evaluate_license_benefit(const RecommenderInfo&, ResourceView&, std::vector<Recommendation>*);

}  // namespace optima::recommend
