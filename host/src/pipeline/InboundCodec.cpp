#include "pipeline/InboundCodec.h"

#include "pipeline/ModelSplice.h"

namespace portico::pipeline {

std::string InboundCodec::withModel(const InboundRequest& request, std::string_view upstream_model) const {
    if (upstream_model == request.model) return request.body;
    return spliceModel(request.body, upstream_model);
}

}  // namespace portico::pipeline
