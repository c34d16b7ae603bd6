package onlinebench.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The error body a server family sends, and the statuses and types it uses where they differ from
 * OpenAI's. Every body is built with Jackson; none ever contains the received Authorization header.
 */
public enum ErrorStyle {
  /** {@code {"error":{"message","type","param","code"}}}, code a string or null. */
  OPENAI {
    @Override
    void fill(ObjectNode root, OpenAiError e) {
      nested(root, e).put("code", e.code());
    }
  },
  /**
   * vllm-project/vllm vllm/entrypoints/openai/protocol.py (ErrorInfo, ErrorResponse): {@code
   * {"error":{"message","type","param","code"}}} with the HTTP status as an integer code, types
   * named like exceptions (serving_engine.py create_error_response: BadRequestError by default,
   * NotFoundError for an unknown model).
   */
  VLLM {
    @Override
    OpenAiError adapt(OpenAiError e) {
      return switch (e.status().code()) {
        case 400 -> retype(e, "BadRequestError");
        case 404 -> retype(e, "NotFoundError");
        default -> e;
      };
    }

    @Override
    void fill(ObjectNode root, OpenAiError e) {
      nested(root, e).put("code", e.status().code());
    }
  },
  /**
   * sgl-project/sglang python/sglang/srt/entrypoints/openai/protocol.py (ErrorResponse): flat,
   * {@code {"object":"error","message","type","param","code"}} with the HTTP status as code.
   */
  SGLANG {
    @Override
    void fill(ObjectNode root, OpenAiError e) {
      root.put("object", "error");
      root.put("message", e.message());
      root.put("type", e.type());
      root.put("param", e.param());
      root.put("code", e.status().code());
    }
  },
  /**
   * ../shared/wire/llama.cpp/error-no-messages.txt, error-bad-json.txt: {@code
   * {"error":{"code","message","type"}}} with the HTTP status as code; a body that is not JSON is a
   * 500 {@code server_error} (error-bad-json.txt).
   */
  LLAMACPP {
    @Override
    OpenAiError adapt(OpenAiError e) {
      if (e.equals(OpenAiError.malformedJson())) {
        return new OpenAiError(
            HttpResponseStatus.INTERNAL_SERVER_ERROR, e.message(), "server_error", null, null);
      }
      return e;
    }

    @Override
    void fill(ObjectNode root, OpenAiError e) {
      ObjectNode error = root.putObject("error");
      error.put("code", e.status().code());
      error.put("message", e.message());
      error.put("type", e.type());
    }
  },
  /**
   * huggingface/text-generation-inference router/src/lib.rs (ErrorResponse): {@code
   * {"error":"<message>","error_type":"<type>"}}.
   */
  TGI {
    @Override
    void fill(ObjectNode root, OpenAiError e) {
      root.put("error", e.message());
      root.put("error_type", e.type());
    }
  },
  /**
   * ollama/ollama openai/openai.go (ErrorResponse, NewError): OpenAI's shape, type by status
   * ({@code invalid_request_error} 400, {@code not_found_error} 404, {@code api_error} otherwise),
   * param and code null.
   */
  OLLAMA {
    @Override
    OpenAiError adapt(OpenAiError e) {
      return switch (e.status().code()) {
        case 400 -> retype(e, "invalid_request_error");
        case 404 -> retype(e, "not_found_error");
        default -> retype(e, "api_error");
      };
    }

    @Override
    void fill(ObjectNode root, OpenAiError e) {
      nested(root, e).putNull("param").putNull("code");
    }
  };

  /** The error as this family reports it: its status and type where they differ. */
  OpenAiError adapt(OpenAiError e) {
    return e;
  }

  abstract void fill(ObjectNode root, OpenAiError e);

  /** The body of {@code e} (already {@link #adapt adapted}) in this family's shape. */
  byte[] body(OpenAiError e) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    fill(root, e);
    return Json.bytes(root);
  }

  /**
   * OpenAI's nested {@code {"error":{"message","type","param"}}}, in that key order; the caller
   * adds {@code code} (and may overwrite param) as its family writes them.
   */
  private static ObjectNode nested(ObjectNode root, OpenAiError e) {
    ObjectNode error = root.putObject("error");
    error.put("message", e.message());
    error.put("type", e.type());
    error.put("param", e.param());
    return error;
  }

  private static OpenAiError retype(OpenAiError e, String type) {
    return new OpenAiError(e.status(), e.message(), type, e.param(), e.code());
  }
}
