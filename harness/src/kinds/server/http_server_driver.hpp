#pragma once
// The server runner's HTTP side: the built-in HTTP/1.1 load generator and the endpoint rules
// (http_endpoints.hpp, sql_api_endpoints.hpp).
#include <memory>
#include <vector>

#include "kinds/server/endpoint_types.hpp"
#include "kinds/server/server_driver.hpp"

namespace xlb {

std::unique_ptr<ServerDriver> make_http_server_driver(const std::vector<EndpointSpec>& endpoints);

}  // namespace xlb
