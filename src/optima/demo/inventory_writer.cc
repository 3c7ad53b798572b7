#include "optima/demo/inventory_writer.h"

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "optima/demo/output_file.h"
#include "optima/demo/random.h"
#include "optima/demo/text_format.h"
#include "optima/demo/truth_writer.h"

namespace optima::demo {
namespace {

using nlohmann::ordered_json;

constexpr size_t kAwsPage = 500;
constexpr size_t kAzurePage = 1000;

std::string dump(const ordered_json& doc, int indent) {
  return doc.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

core::Status write_doc(const std::filesystem::path& root, const std::filesystem::path& relative,
                       const std::string& text, uint64_t rows, std::vector<FileInfo>* files) {
  OPTIMA_RETURN_IF_ERROR(write_whole_file(root / relative, text));
  files->push_back({relative, text.size(), rows});
  return core::Status::ok();
}

// When the resource was created: its lifecycle start, or for resources older than the window a
// deterministic date up to 400 days before it.
Timestamp created_at(const Estate& e, const Resource& r) {
  if (r.created.unix_seconds > 0) return r.created;
  const int64_t days = 30 + static_cast<int64_t>(hash_keys(e.seed, 0xc7ea7e, r.index) % 400);
  const int64_t t = e.start.unix_seconds - days * core::kSecondsPerDay;
  return Timestamp{t - t % 60 + static_cast<int64_t>(hash_keys(e.seed, r.index) % 86400)};
}

// boto3/placebo encoding of a datetime.
ordered_json placebo_time(Timestamp t) {
  const core::CivilDate d = core::date_of(t);
  const int64_t s = ((t.unix_seconds % core::kSecondsPerDay) + core::kSecondsPerDay) % core::kSecondsPerDay;
  ordered_json j;
  j["__class__"] = "datetime";
  j["year"] = d.year;
  j["month"] = d.month;
  j["day"] = d.day;
  j["hour"] = s / 3600;
  j["minute"] = (s / 60) % 60;
  j["second"] = s % 60;
  j["microsecond"] = 0;
  return j;
}

std::string hex_of(uint64_t h, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < digits; ++i) {
    out.push_back(kHex[h & 15U]);
    h >>= 4;
    if (i % 15 == 14) h = mix64(h + 1);
  }
  return out;
}

ordered_json aws_tags(const Tags& tags) {
  ordered_json t = ordered_json::array();
  for (const auto& [k, v] : tags) t.push_back({{"Key", k}, {"Value", v}});
  return t;
}


ordered_json metadata() {
  return {{"RequestId", "00000000-0000-4000-8000-000000000000"}, {"HTTPStatusCode", 200}, {"RetryAttempts", 0}};
}

struct AwsGroup {
  std::vector<const Resource*> instances, volumes, addresses, databases;
};

core::Status write_aws(const Estate& e, const std::filesystem::path& root,
                       std::vector<FileInfo>* files) {
  std::map<std::pair<uint32_t, std::string_view>, AwsGroup> groups;
  std::map<uint32_t, std::vector<const Resource*>> attached;
  std::map<uint32_t, const Resource*> public_ip;
  for (const Resource& r : e.resources) {
    if (r.cloud != Cloud::kAws || !in_inventory(e, r)) continue;
    if (r.kind == ResourceKind::kPublicIp && r.attached_to != kNoIndex) public_ip[r.attached_to] = &r;
    AwsGroup& g = groups[{r.account, r.region->code}];
    switch (r.kind) {
      case ResourceKind::kVm: g.instances.push_back(&r); break;
      case ResourceKind::kDisk:
        g.volumes.push_back(&r);
        if (r.attached_to != kNoIndex) attached[r.attached_to].push_back(&r);
        break;
      case ResourceKind::kPublicIp: g.addresses.push_back(&r); break;
      case ResourceKind::kDatabase: g.databases.push_back(&r); break;
      default: break;
    }
  }
  for (const auto& [key, g] : groups) {
    const Account& a = e.accounts[key.first];
    const std::filesystem::path dir = std::filesystem::path("inventory") / "aws" / a.id / std::string(key.second);
    const std::string vpc = "vpc-0" + hex_of(hash_keys(e.seed, 0x7bc, key.first), 16);
    // DescribeInstances, paginated.
    const size_t pages = std::max<size_t>(1, (g.instances.size() + kAwsPage - 1) / kAwsPage);
    for (size_t page = 0; page < pages && !g.instances.empty(); ++page) {
      ordered_json reservations = ordered_json::array();
      for (size_t i = page * kAwsPage; i < std::min(g.instances.size(), (page + 1) * kAwsPage); ++i) {
        const Resource& r = *g.instances[i];
        const Timestamp launched = created_at(e, r);
        const uint64_t h = hash_keys(e.seed, 0x1a57, r.index);
        ordered_json inst;
        inst["AmiLaunchIndex"] = 0;
        inst["ImageId"] = "ami-0" + hex_of(hash_keys(e.seed, 0xa31, r.machine->vcpu), 16);
        inst["InstanceId"] = r.native_id;
        inst["InstanceType"] = r.machine->name;
        inst["KeyName"] = "northwind-" + std::string(env_name(r.env));
        inst["LaunchTime"] = placebo_time(launched);
        inst["Monitoring"] = {{"State", "disabled"}};
        inst["Placement"] = {{"AvailabilityZone", r.zone}, {"GroupName", ""}, {"Tenancy", "default"}};
        const std::string ip = aws_private_ip(e, r);
        inst["PrivateDnsName"] = aws_private_dns(e, r);
        inst["PrivateIpAddress"] = ip;
        inst["ProductCodes"] = ordered_json::array();
        inst["PublicDnsName"] = "";
        if (public_ip.contains(r.index)) inst["PublicIpAddress"] = public_ip[r.index]->name;
        if (r.stopped) {
          inst["State"] = {{"Code", 80}, {"Name", "stopped"}};
          std::string when;
          append_iso_date(when, Timestamp{e.start.unix_seconds + 86400 * 20});
          inst["StateTransitionReason"] = "User initiated (" + when + " 18:04:11 GMT)";
        } else {
          inst["State"] = {{"Code", 16}, {"Name", "running"}};
          inst["StateTransitionReason"] = "";
        }
        inst["SubnetId"] = "subnet-0" + hex_of(hash_keys(e.seed, 0x5b, key.first, r.zone.back()), 16);
        inst["VpcId"] = vpc;
        inst["Architecture"] = "x86_64";
        ordered_json bdm = ordered_json::array();
        char device = 'a';
        for (const Resource* v : attached[r.index]) {
          const std::string dev = device == 'a' ? "/dev/xvda" : std::string("/dev/sd") + device;
          bdm.push_back({{"DeviceName", dev},
                         {"Ebs", {{"AttachTime", placebo_time(launched)}, {"DeleteOnTermination", device == 'a'},
                                  {"Status", "attached"}, {"VolumeId", v->native_id}}}});
          device = device == 'a' ? 'f' : static_cast<char>(device + 1);
        }
        inst["BlockDeviceMappings"] = bdm;
        inst["ClientToken"] = hex_of(h, 24);
        inst["EbsOptimized"] = true;
        inst["EnaSupport"] = true;
        inst["Hypervisor"] = "xen";
        inst["NetworkInterfaces"] = ordered_json::array({{
            {"Attachment", {{"AttachTime", placebo_time(launched)}, {"AttachmentId", "eni-attach-0" + hex_of(h >> 3, 16)},
                            {"DeleteOnTermination", true}, {"DeviceIndex", 0}, {"Status", "attached"}}},
            {"Description", ""},
            {"Groups", ordered_json::array({{{"GroupName", "default"}, {"GroupId", "sg-0" + hex_of(h >> 5, 16)}}})},
            {"MacAddress", fmt::format("0a:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", h & 255, (h >> 8) & 255, (h >> 16) & 255, (h >> 24) & 255, (h >> 32) & 255)},
            {"NetworkInterfaceId", "eni-0" + hex_of(h >> 7, 16)},
            {"OwnerId", a.id},
            {"PrivateIpAddress", ip},
            {"SourceDestCheck", true},
            {"Status", "in-use"},
            {"SubnetId", inst["SubnetId"]},
            {"VpcId", vpc}}});
        inst["RootDeviceName"] = "/dev/xvda";
        inst["RootDeviceType"] = "ebs";
        inst["SecurityGroups"] = ordered_json::array({{{"GroupName", "default"}, {"GroupId", "sg-0" + hex_of(h >> 5, 16)}}});
        inst["SourceDestCheck"] = true;
        inst["Tags"] = aws_tags(r.tags);
        inst["VirtualizationType"] = "hvm";
        inst["CpuOptions"] = {{"CoreCount", std::max(1, r.machine->vcpu / 2)}, {"ThreadsPerCore", r.machine->vcpu > 1 ? 2 : 1}};
        inst["CapacityReservationSpecification"] = {{"CapacityReservationPreference", "open"}};
        inst["HibernationOptions"] = {{"Configured", false}};
        inst["MetadataOptions"] = {{"State", "applied"}, {"HttpTokens", "required"}, {"HttpPutResponseHopLimit", 2},
                                   {"HttpEndpoint", "enabled"}, {"HttpProtocolIpv6", "disabled"},
                                   {"InstanceMetadataTags", "disabled"}};
        inst["EnclaveOptions"] = {{"Enabled", false}};
        inst["PlatformDetails"] = "Linux/UNIX";
        inst["UsageOperation"] = "RunInstances";
        inst["UsageOperationUpdateTime"] = placebo_time(launched);
        inst["PrivateDnsNameOptions"] = {{"HostnameType", "ip-name"}, {"EnableResourceNameDnsARecord", false},
                                         {"EnableResourceNameDnsAAAARecord", false}};
        inst["MaintenanceOptions"] = {{"AutoRecovery", "default"}};
        inst["CurrentInstanceBootMode"] = "legacy-bios";
        inst["IamInstanceProfile"] = {{"Arn", fmt::format("arn:aws:iam::{}:instance-profile/northwind-{}", a.id, r.app)},
                                      {"Id", "AIPA" + hex_of(h >> 9, 17)}};
        if (r.stopped) {
          inst["StateReason"] = {{"Code", "Client.UserInitiatedShutdown"},
                                 {"Message", "Client.UserInitiatedShutdown: User initiated shutdown"}};
        }
        ordered_json reservation;
        reservation["Groups"] = ordered_json::array();
        reservation["Instances"] = ordered_json::array({inst});
        reservation["OwnerId"] = a.id;
        reservation["ReservationId"] = "r-0" + hex_of(h >> 11, 16);
        reservations.push_back(std::move(reservation));
      }
      ordered_json data;
      data["Reservations"] = std::move(reservations);
      if (page + 1 < pages) data["NextToken"] = hex_of(hash_keys(e.seed, key.first, page), 48);
      data["ResponseMetadata"] = metadata();
      const ordered_json doc = {{"status_code", 200}, {"data", data}};
      OPTIMA_RETURN_IF_ERROR(write_doc(root, dir / fmt::format("ec2.DescribeInstances_{}.json", page + 1),
                                       dump(doc, 1) + "\n", data["Reservations"].size(), files));
    }
    if (!g.volumes.empty()) {
      ordered_json volumes = ordered_json::array();
      for (const Resource* v : g.volumes) {
        ordered_json j;
        ordered_json attachments = ordered_json::array();
        if (v->attached_to != kNoIndex) {
          const Resource& owner = e.resources[v->attached_to];
          attachments.push_back({{"AttachTime", placebo_time(created_at(e, owner))},
                                 {"Device", v->name.ends_with("-root") ? "/dev/xvda" : "/dev/sdf"},
                                 {"InstanceId", owner.native_id}, {"State", "attached"},
                                 {"VolumeId", v->native_id}, {"DeleteOnTermination", v->name.ends_with("-root")}});
        }
        j["Attachments"] = attachments;
        j["AvailabilityZone"] = v->zone;
        j["CreateTime"] = placebo_time(created_at(e, *v));
        j["Encrypted"] = true;
        j["KmsKeyId"] = fmt::format("arn:aws:kms:{}:{}:key/{}", v->region->code, a.id, "mrk-" + hex_of(hash_keys(e.seed, 0x4b, key.first), 32));
        j["AvailabilityZoneId"] = fmt::format("{}-az{}", v->region->code == "us-east-1" ? "use1" : v->region->code == "us-west-2" ? "usw2" : "euw1",
                                              v->zone.back() - 'a' + 1);
        j["Size"] = v->size_gb;
        j["SnapshotId"] = "";
        j["State"] = v->attached_to == kNoIndex ? "available" : "in-use";
        j["VolumeId"] = v->native_id;
        j["Iops"] = v->storage_class == "gp3" ? 3000 : std::max(100, v->size_gb * 3);
        j["Tags"] = aws_tags(v->tags);
        j["VolumeType"] = v->storage_class;
        if (v->storage_class == "gp3") j["Throughput"] = 125;
        j["MultiAttachEnabled"] = false;
        volumes.push_back(std::move(j));
      }
      const ordered_json doc = {{"status_code", 200}, {"data", {{"Volumes", volumes}, {"ResponseMetadata", metadata()}}}};
      OPTIMA_RETURN_IF_ERROR(write_doc(root, dir / "ec2.DescribeVolumes_1.json", dump(doc, 1) + "\n",
                                       g.volumes.size(), files));
    }
    if (!g.addresses.empty()) {
      ordered_json addresses = ordered_json::array();
      for (const Resource* ip : g.addresses) {
        ordered_json j;
        j["PublicIp"] = ip->name;
        j["AllocationId"] = ip->native_id;
        j["Domain"] = "vpc";
        j["PublicIpv4Pool"] = "amazon";
        j["NetworkBorderGroup"] = std::string(ip->region->code);
        if (ip->attached_to != kNoIndex) {
          const Resource& vm = e.resources[ip->attached_to];
          const uint64_t h = hash_keys(e.seed, 0x1a57, vm.index);
          j["AssociationId"] = "eipassoc-0" + hex_of(h >> 13, 16);
          j["InstanceId"] = vm.native_id;
          j["NetworkInterfaceId"] = "eni-0" + hex_of(h >> 7, 16);
          j["NetworkInterfaceOwnerId"] = a.id;
          j["PrivateIpAddress"] = aws_private_ip(e, vm);
        }
        j["Tags"] = aws_tags(ip->tags);
        addresses.push_back(std::move(j));
      }
      const ordered_json doc = {{"status_code", 200}, {"data", {{"Addresses", addresses}, {"ResponseMetadata", metadata()}}}};
      OPTIMA_RETURN_IF_ERROR(write_doc(root, dir / "ec2.DescribeAddresses_1.json", dump(doc, 1) + "\n",
                                       g.addresses.size(), files));
    }
    if (!g.databases.empty()) {
      ordered_json dbs = ordered_json::array();
      for (const Resource* db : g.databases) {
        ordered_json j;
        j["DBInstanceIdentifier"] = db->native_id;
        j["DBInstanceClass"] = db->machine->name;
        j["Engine"] = "postgres";
        j["DBInstanceStatus"] = "available";
        j["MasterUsername"] = "postgres";
        j["Endpoint"] = {{"Address", fmt::format("{}.{}.{}.rds.amazonaws.com", db->native_id, hex_of(hash_keys(e.seed, key.first), 12), db->region->code)},
                         {"Port", 5432}, {"HostedZoneId", "Z2R2ITUGPM61AM"}};
        j["AllocatedStorage"] = db->size_gb;
        j["InstanceCreateTime"] = placebo_time(created_at(e, *db));
        j["PreferredBackupWindow"] = "06:05-06:35";
        j["BackupRetentionPeriod"] = 7;
        j["AvailabilityZone"] = db->zone;
        j["MultiAZ"] = false;
        j["EngineVersion"] = "15.4";
        j["AutoMinorVersionUpgrade"] = true;
        j["LicenseModel"] = "postgresql-license";
        j["PubliclyAccessible"] = false;
        j["StorageType"] = db->storage_class;
        j["StorageEncrypted"] = true;
        j["DbiResourceId"] = "db-" + hex_of(hash_keys(e.seed, 0xdb, db->index), 26);
        j["DBInstanceArn"] = db->id;
        j["DeletionProtection"] = db->env == Env::kProd;
        j["DBName"] = "app";
        j["DBSecurityGroups"] = ordered_json::array();
        j["VpcSecurityGroups"] = ordered_json::array({{{"VpcSecurityGroupId", "sg-0" + hex_of(hash_keys(e.seed, 0x5e, db->index), 16)}, {"Status", "active"}}});
        j["DBParameterGroups"] = ordered_json::array({{{"DBParameterGroupName", "default.postgres15"}, {"ParameterApplyStatus", "in-sync"}}});
        j["DBSubnetGroup"] = {{"DBSubnetGroupName", "default-" + vpc}, {"DBSubnetGroupDescription", "default"},
                              {"VpcId", vpc}, {"SubnetGroupStatus", "Complete"}, {"Subnets", ordered_json::array()}};
        j["PreferredMaintenanceWindow"] = "sun:08:40-sun:09:10";
        j["PendingModifiedValues"] = ordered_json::object();
        j["LatestRestorableTime"] = placebo_time(Timestamp{inventory_time(e).unix_seconds - 300});
        j["ReadReplicaDBInstanceIdentifiers"] = ordered_json::array();
        j["OptionGroupMemberships"] = ordered_json::array({{{"OptionGroupName", "default:postgres-15"}, {"Status", "in-sync"}}});
        j["CACertificateIdentifier"] = "rds-ca-rsa2048-g1";
        j["DomainMemberships"] = ordered_json::array();
        j["CopyTagsToSnapshot"] = true;
        j["MonitoringInterval"] = 0;
        j["DbInstancePort"] = 0;
        j["KmsKeyId"] = fmt::format("arn:aws:kms:{}:{}:key/{}", db->region->code, a.id, hex_of(hash_keys(e.seed, 0x4c, key.first), 32));
        j["IAMDatabaseAuthenticationEnabled"] = false;
        j["PerformanceInsightsEnabled"] = false;
        j["MaxAllocatedStorage"] = db->size_gb * 4;
        j["AssociatedRoles"] = ordered_json::array();
        j["CustomerOwnedIpEnabled"] = false;
        j["ActivityStreamStatus"] = "stopped";
        j["BackupTarget"] = "region";
        j["NetworkType"] = "IPV4";
        j["CertificateDetails"] = {{"CAIdentifier", "rds-ca-rsa2048-g1"}};
        j["TagList"] = aws_tags(db->tags);
        dbs.push_back(std::move(j));
      }
      const ordered_json doc = {{"status_code", 200}, {"data", {{"DBInstances", dbs}, {"ResponseMetadata", metadata()}}}};
      OPTIMA_RETURN_IF_ERROR(write_doc(root, dir / "rds.DescribeDBInstances_1.json", dump(doc, 1) + "\n",
                                       g.databases.size(), files));
    }
  }
  return core::Status::ok();
}

std::string azure_time(Timestamp t) {
  std::string s;
  append_iso8601(s, t);
  s.insert(s.size() - 1, ".0000000");
  return s;
}

ordered_json azure_row(const Estate& e, const Resource& r, const char* type, const std::string& tenant) {
  ordered_json j;
  j["id"] = r.id;
  j["name"] = r.name;
  j["type"] = type;
  j["tenantId"] = tenant;
  j["kind"] = "";
  j["location"] = std::string(r.region->code);
  j["resourceGroup"] = r.resource_group;
  j["subscriptionId"] = e.accounts[r.account].id;
  j["managedBy"] = "";
  j["sku"] = nullptr;
  j["plan"] = nullptr;
  ordered_json tags = ordered_json::object();
  for (const auto& [k, v] : r.tags) tags[k] = v;
  j["tags"] = tags;
  j["identity"] = nullptr;
  j["zones"] = r.zone.empty() ? ordered_json(nullptr) : ordered_json::array({r.zone});
  j["extendedLocation"] = nullptr;
  return j;
}

core::Status write_azure(const Estate& e, const std::filesystem::path& root,
                         std::vector<FileInfo>* files) {
  Rng rng(hash_keys(e.seed, hash_text("azure/tenant")));
  const std::string tenant = rng.uuid();
  std::map<uint32_t, std::vector<const Resource*>> disks_of;
  std::map<uint32_t, const Resource*> ip_of;
  for (const Resource& r : e.resources) {
    if (r.cloud != Cloud::kAzure || !in_inventory(e, r) || r.attached_to == kNoIndex) continue;
    if (r.kind == ResourceKind::kDisk) disks_of[r.attached_to].push_back(&r);
    if (r.kind == ResourceKind::kPublicIp) ip_of[r.attached_to] = &r;
  }
  std::vector<ordered_json> rows;
  for (const Resource& r : e.resources) {
    if (r.cloud != Cloud::kAzure || !in_inventory(e, r)) continue;
    const std::string created = azure_time(created_at(e, r));
    switch (r.kind) {
      case ResourceKind::kVm: {
        ordered_json j = azure_row(e, r, "microsoft.compute/virtualmachines", tenant);
        const auto& disks = disks_of[r.index];
        ordered_json os_disk;
        ordered_json data_disks = ordered_json::array();
        int lun = 0;
        for (const Resource* d : disks) {
          const ordered_json managed = {{"id", d->id}, {"storageAccountType", d->storage_class}};
          if (os_disk.is_null()) {
            os_disk = {{"osType", "Linux"}, {"name", d->name}, {"createOption", "FromImage"},
                       {"caching", "ReadWrite"}, {"managedDisk", managed}, {"diskSizeGB", d->size_gb}};
          } else {
            data_disks.push_back({{"lun", lun++}, {"name", d->name}, {"createOption", "Empty"},
                                  {"caching", "None"}, {"managedDisk", managed}, {"diskSizeGB", d->size_gb}});
          }
        }
        const std::string nic = fmt::format("/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/networkInterfaces/{}-nic",
                                            e.accounts[r.account].id, r.resource_group, r.name);
        const bool running = !r.stopped;
        j["properties"] = {
            {"vmId", r.native_id},
            {"hardwareProfile", {{"vmSize", r.machine->name}}},
            {"storageProfile", {{"imageReference", {{"publisher", "Canonical"}, {"offer", "0001-com-ubuntu-server-jammy"}, {"sku", "22_04-lts-gen2"}, {"version", "latest"}}},
                                {"osDisk", os_disk}, {"dataDisks", data_disks}}},
            {"osProfile", {{"computerName", r.name}, {"adminUsername", "azureuser"}}},
            {"networkProfile", {{"networkInterfaces", ordered_json::array({{{"id", nic}}})}}},
            {"provisioningState", "Succeeded"},
            {"timeCreated", created},
            {"extended", {{"instanceView", {{"powerState", {{"code", running ? "PowerState/running" : "PowerState/deallocated"},
                                                             {"level", "Info"},
                                                             {"displayStatus", running ? "VM running" : "VM deallocated"}}}}}}}};
        rows.push_back(std::move(j));
        break;
      }
      case ResourceKind::kScaleSet: {
        ordered_json j = azure_row(e, r, "microsoft.compute/virtualmachinescalesets", tenant);
        j["sku"] = {{"name", r.machine->name}, {"tier", "Standard"}, {"capacity", r.count}};
        j["properties"] = {{"uniqueId", r.native_id}, {"provisioningState", "Succeeded"},
                           {"orchestrationMode", "Uniform"}, {"timeCreated", created},
                           {"upgradePolicy", {{"mode", "Manual"}}}};
        rows.push_back(std::move(j));
        break;
      }
      case ResourceKind::kDisk: {
        ordered_json j = azure_row(e, r, "microsoft.compute/disks", tenant);
        const bool premium = r.storage_class == "Premium_LRS";
        j["sku"] = {{"name", r.storage_class}, {"tier", premium ? "Premium" : "Standard"}};
        if (r.attached_to != kNoIndex) j["managedBy"] = e.resources[r.attached_to].id;
        j["properties"] = {{"diskSizeGB", r.size_gb},
                           {"diskState", r.attached_to == kNoIndex ? "Unattached" : "Attached"},
                           {"provisioningState", "Succeeded"}, {"timeCreated", created},
                           {"osType", "Linux"}, {"uniqueId", r.native_id},
                           {"tier", r.size_gb <= 128 ? (premium ? "P10" : "E10") : r.size_gb <= 512 ? "P20" : "P30"}};
        rows.push_back(std::move(j));
        break;
      }
      case ResourceKind::kPublicIp: {
        ordered_json j = azure_row(e, r, "microsoft.network/publicipaddresses", tenant);
        j["sku"] = {{"name", "Standard"}, {"tier", "Regional"}};
        ordered_json props = {{"ipAddress", r.native_id}, {"publicIPAddressVersion", "IPv4"},
                              {"publicIPAllocationMethod", "Static"}, {"provisioningState", "Succeeded"},
                              {"idleTimeoutInMinutes", 4}};
        if (r.attached_to != kNoIndex) {
          const Resource& vm = e.resources[r.attached_to];
          props["ipConfiguration"] = {{"id", fmt::format("/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/networkInterfaces/{}-nic/ipConfigurations/ipconfig1",
                                                         e.accounts[vm.account].id, vm.resource_group, vm.name)}};
        }
        j["properties"] = props;
        rows.push_back(std::move(j));
        break;
      }
      case ResourceKind::kDatabase: {
        ordered_json j = azure_row(e, r, "microsoft.sql/servers/databases", tenant);
        j["kind"] = "v12.0,user,vcore";
        j["sku"] = {{"name", "GP_Gen5"}, {"tier", "GeneralPurpose"}, {"family", "Gen5"}, {"capacity", r.machine->vcpu}};
        j["properties"] = {{"status", "Online"}, {"databaseId", r.native_id},
                           {"currentServiceObjectiveName", r.machine->name},
                           {"maxSizeBytes", int64_t{r.size_gb} * 1073741824},
                           {"creationDate", created}, {"zoneRedundant", false}};
        rows.push_back(std::move(j));
        break;
      }
      case ResourceKind::kBucket: {
        ordered_json j = azure_row(e, r, "microsoft.storage/storageaccounts", tenant);
        j["kind"] = "StorageV2";
        j["sku"] = {{"name", r.storage_class}, {"tier", "Standard"}};
        j["properties"] = {{"creationTime", created}, {"accessTier", "Hot"}, {"provisioningState", "Succeeded"},
                           {"primaryLocation", std::string(r.region->code)}, {"supportsHttpsTrafficOnly", true}};
        rows.push_back(std::move(j));
        break;
      }
      case ResourceKind::kClusterControlPlane: {
        ordered_json j = azure_row(e, r, "microsoft.containerservice/managedclusters", tenant);
        j["sku"] = {{"name", "Base"}, {"tier", "Standard"}};
        j["properties"] = {{"kubernetesVersion", "1.29.4"}, {"provisioningState", "Succeeded"},
                           {"powerState", {{"code", "Running"}}}, {"nodeResourceGroup", "MC_rg-aks-platform-prod_aks-platform-prod_eastus"}};
        rows.push_back(std::move(j));
        break;
      }
      default:
        break;
    }
  }
  const size_t pages = std::max<size_t>(1, (rows.size() + kAzurePage - 1) / kAzurePage);
  for (size_t page = 0; page < pages; ++page) {
    ordered_json data = ordered_json::array();
    const size_t end = std::min(rows.size(), (page + 1) * kAzurePage);
    for (size_t i = page * kAzurePage; i < end; ++i) data.push_back(rows[i]);
    const uint64_t count = data.size();
    ordered_json doc;
    doc["totalRecords"] = rows.size();
    doc["count"] = count;
    doc["data"] = std::move(data);
    doc["facets"] = ordered_json::array();
    doc["resultTruncated"] = "false";
    if (page + 1 < pages) doc["$skipToken"] = hex_of(hash_keys(e.seed, 0x5c1, page), 40);
    OPTIMA_RETURN_IF_ERROR(write_doc(root, std::filesystem::path("inventory") / "azure" / fmt::format("resource-graph-{}.json", page + 1),
                                     dump(doc, 1) + "\n", count, files));
  }
  return core::Status::ok();
}

std::string gcp_time(Timestamp t) {
  // Compute API creationTimestamp: RFC 3339 with milliseconds, US Pacific offset.
  const Timestamp local{t.unix_seconds - 7 * 3600};
  std::string s;
  append_iso8601(s, local);
  s.pop_back();
  return s + ".000-07:00";
}

core::Status write_gcp(const Estate& e, const std::filesystem::path& root,
                       std::vector<FileInfo>* files) {
  const std::string api = "https://www.googleapis.com/compute/v1/projects/";
  std::map<uint32_t, std::vector<const Resource*>> disks_of;
  for (const Resource& r : e.resources) {
    if (r.cloud == Cloud::kGcp && r.kind == ResourceKind::kDisk && r.attached_to != kNoIndex && in_inventory(e, r)) {
      disks_of[r.attached_to].push_back(&r);
    }
  }
  std::string out;
  uint64_t lines = 0;
  const std::string updated = iso8601_text(inventory_time(e));
  for (const Resource& r : e.resources) {
    if (r.cloud != Cloud::kGcp || !in_inventory(e, r)) continue;
    const Account& a = e.accounts[r.account];
    const std::string folder = std::to_string(hash_keys(e.seed, hash_text("gcp/folder"), static_cast<uint64_t>(a.team)) % 900000000000ULL + 100000000000ULL);
    ordered_json labels = ordered_json::object();
    for (const auto& [k, v] : r.tags) {
      bool valid = !k.empty();
      for (const char c : k) valid = valid && (std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '_');
      if (!valid) continue;
      std::string value = v;
      for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      labels[k] = value;
    }
    ordered_json asset;
    ordered_json data;
    std::string location;
    std::string asset_type;
    switch (r.kind) {
      case ResourceKind::kVm: {
        asset["name"] = fmt::format("//compute.googleapis.com/projects/{}/zones/{}/instances/{}", a.id, r.zone, r.name);
        asset_type = "compute.googleapis.com/Instance";
        data["id"] = r.native_id;
        data["name"] = r.name;
        data["machineType"] = fmt::format("{}{}/zones/{}/machineTypes/{}", api, a.id, r.zone, r.machine->name);
        data["status"] = r.stopped ? "TERMINATED" : "RUNNING";
        data["zone"] = fmt::format("{}{}/zones/{}", api, a.id, r.zone);
        data["creationTimestamp"] = gcp_time(created_at(e, r));
        ordered_json disks = ordered_json::array();
        bool boot = true;
        for (const Resource* d : disks_of[r.index]) {
          disks.push_back({{"boot", boot}, {"deviceName", d->name}, {"source", fmt::format("{}{}/zones/{}/disks/{}", api, a.id, d->zone, d->name)},
                           {"mode", "READ_WRITE"}, {"type", "PERSISTENT"}, {"diskSizeGb", std::to_string(d->size_gb)}});
          boot = false;
        }
        data["disks"] = disks;
        data["labels"] = labels;
        data["cpuPlatform"] = "Intel Cascade Lake";
        data["selfLink"] = fmt::format("{}{}/zones/{}/instances/{}", api, a.id, r.zone, r.name);
        location = r.zone;
        break;
      }
      case ResourceKind::kDisk: {
        asset["name"] = fmt::format("//compute.googleapis.com/projects/{}/zones/{}/disks/{}", a.id, r.zone, r.name);
        asset_type = "compute.googleapis.com/Disk";
        data["id"] = r.native_id;
        data["name"] = r.name;
        data["sizeGb"] = std::to_string(r.size_gb);
        data["type"] = fmt::format("{}{}/zones/{}/diskTypes/{}", api, a.id, r.zone, r.storage_class);
        data["status"] = "READY";
        data["zone"] = fmt::format("{}{}/zones/{}", api, a.id, r.zone);
        data["creationTimestamp"] = gcp_time(created_at(e, r));
        if (r.attached_to != kNoIndex) {
          const Resource& vm = e.resources[r.attached_to];
          data["users"] = ordered_json::array({fmt::format("{}{}/zones/{}/instances/{}", api, a.id, vm.zone, vm.name)});
        }
        data["labels"] = labels;
        location = r.zone;
        break;
      }
      case ResourceKind::kBucket:
        asset["name"] = "//storage.googleapis.com/" + r.name;
        asset_type = "storage.googleapis.com/Bucket";
        data["id"] = r.name;
        data["name"] = r.name;
        data["location"] = "US";
        data["locationType"] = "multi-region";
        data["storageClass"] = "STANDARD";
        data["timeCreated"] = iso8601_text(created_at(e, r));
        data["labels"] = labels;
        location = "us";
        break;
      case ResourceKind::kDatabase:
        asset["name"] = fmt::format("//cloudsql.googleapis.com/projects/{}/instances/{}", a.id, r.name);
        asset_type = "sqladmin.googleapis.com/Instance";
        data["name"] = r.name;
        data["project"] = a.id;
        data["databaseVersion"] = "POSTGRES_15";
        data["region"] = std::string(r.region->code);
        data["gceZone"] = r.zone;
        data["state"] = "RUNNABLE";
        data["settings"] = {{"tier", r.machine->name}, {"dataDiskSizeGb", std::to_string(r.size_gb)},
                            {"availabilityType", "ZONAL"}, {"userLabels", labels}};
        location = r.region->code;
        break;
      case ResourceKind::kClusterControlPlane:
        asset["name"] = r.id;
        asset_type = "container.googleapis.com/Cluster";
        data["name"] = r.name;
        data["location"] = std::string(r.region->code);
        data["status"] = "RUNNING";
        data["currentMasterVersion"] = "1.29.4-gke.1043002";
        data["resourceLabels"] = labels;
        location = r.region->code;
        break;
      default:
        continue;
    }
    asset["asset_type"] = asset_type;
    asset["resource"] = {{"version", "v1"},
                         {"discovery_document_uri", r.kind == ResourceKind::kBucket
                                                        ? "https://www.googleapis.com/discovery/v1/apis/storage/v1/rest"
                                                        : "https://www.googleapis.com/discovery/v1/apis/compute/v1/rest"},
                         {"discovery_name", asset_type.substr(asset_type.find('/') + 1)},
                         {"parent", "//cloudresourcemanager.googleapis.com/projects/" + a.number},
                         {"data", data},
                         {"location", location}};
    asset["ancestors"] = ordered_json::array({"projects/" + a.number, "folders/" + folder, "organizations/" + e.gcp_organization});
    asset["update_time"] = updated;
    out += dump(asset, -1);
    out.push_back('\n');
    ++lines;
  }
  return write_doc(root, std::filesystem::path("inventory") / "gcp" / "cloud-asset-inventory.jsonl", out, lines, files);
}

}  // namespace

std::string aws_private_ip(const Estate& estate, const Resource& resource) {
  const uint64_t h = hash_keys(estate.seed, 0x1b, resource.index);
  return fmt::format("10.{}.{}.{}", resource.account % 250, (h >> 8) % 250, h % 250 + 4);
}

std::string aws_private_dns(const Estate& estate, const Resource& resource) {
  std::string dns = "ip-" + aws_private_ip(estate, resource);
  std::replace(dns.begin(), dns.end(), '.', '-');
  dns += resource.region->code == "us-east-1"
             ? std::string(".ec2.internal")
             : "." + std::string(resource.region->code) + ".compute.internal";
  return dns;
}

core::Status write_inventory(const Estate& estate, const std::filesystem::path& root,
                             std::vector<FileInfo>* files) {
  OPTIMA_RETURN_IF_ERROR(write_aws(estate, root, files));
  OPTIMA_RETURN_IF_ERROR(write_azure(estate, root, files));
  return write_gcp(estate, root, files);
}

}  // namespace optima::demo
