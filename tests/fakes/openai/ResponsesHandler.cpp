#include "openai/ResponsesHandler.h"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <simdjson.h>

#include <ostream>
#include <string>

#include "RequestRecording.h"
#include "openai/OpenAiBodies.h"

namespace portico::fakes {
namespace {

void sendError(Poco::Net::HTTPServerResponse& response, int status, const std::string& message, const std::string& param) {
    const std::string body = R"({"error":{"message":")" + message + R"(","type":"invalid_request_error","param":)" +
                             (param.empty() ? "null" : "\"" + param + "\"") + R"(,"code":null}})";
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response.setContentType("application/json");
    response.sendBuffer(body.data(), body.size());
}

std::string responseObject(const std::string& model, const std::string& status, int input_tokens) {
    return R"({"id":"resp_fake1","object":"response","created_at":1767225600,"status":")" + status + R"(","model":")" +
           model + R"(","output":[)" +
           (status == "in_progress"
                ? std::string()
                : R"({"type":"message","id":"msg_fake1","status":"completed","role":"assistant","content":[{"type":"output_text","text":")" +
                      std::string(kReplyText) + R"(","annotations":[]}]})") +
           R"(],"usage":)" +
           (status == "in_progress" ? std::string("null")
                                    : R"({"input_tokens":)" + std::to_string(input_tokens) +
                                          R"(,"input_tokens_details":{"cached_tokens":0},"output_tokens":4,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":)" +
                                          std::to_string(input_tokens + 4) + "}") +
           "}";
}

}  // namespace

void ResponsesHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    const std::string body = readAndRecord(request, state_);
    if (request.get("Authorization", "").rfind("Bearer ", 0) != 0) return sendError(response, 401, "Missing bearer key", "");
    simdjson::dom::parser parser;
    simdjson::dom::object object;
    std::string_view model, previous;
    if (parser.parse(body).get_object().get(object)) return sendError(response, 400, "We could not parse the JSON body", "");
    if (object["model"].get_string().get(model)) return sendError(response, 400, "Missing required parameter: 'model'.", "model");
    simdjson::dom::element input;
    if (object["input"].get(input)) return sendError(response, 400, "Missing required parameter: 'input'.", "input");
    if (!object["previous_response_id"].get_string().get(previous))
        return sendError(response, 400, "Previous response with id '" + std::string(previous) + "' not found.",
                         "previous_response_id");
    const int input_tokens = static_cast<int>(body.size() / 4) + 1;
    bool stream = false;
    if (object["stream"].get_bool().get(stream) || !stream) {
        const std::string answer = responseObject(std::string(model), "completed", input_tokens);
        response.setContentType("application/json");
        return response.sendBuffer(answer.data(), answer.size());
    }
    response.setContentType("text/event-stream");
    response.setChunkedTransferEncoding(true);
    std::ostream& out = response.send();
    const auto event = [&](const std::string& type, const std::string& fields, int sequence) {
        out << "event: " << type << "\ndata: {\"type\":\"" << type << "\",\"sequence_number\":" << sequence << "," << fields
            << "}\n\n";
    };
    event("response.created", "\"response\":" + responseObject(std::string(model), "in_progress", input_tokens), 0);
    event("response.output_text.delta", R"("item_id":"msg_fake1","output_index":0,"content_index":0,"delta":"Hello from ")", 1);
    event("response.output_text.delta", R"("item_id":"msg_fake1","output_index":0,"content_index":0,"delta":"fake upstream")", 2);
    event("response.completed", "\"response\":" + responseObject(std::string(model), "completed", input_tokens), 3);
    out.flush();
}

}  // namespace portico::fakes
