package onlinebench.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code GET /v1/models} body of a server family, listing the one served model. */
public enum ModelsStyle {
  /** {@code {"object":"list","data":[{"id","object":"model","created","owned_by"}]}}. */
  OPENAI {
    @Override
    void fillEntry(ObjectNode entry) {
      entry.put("owned_by", "online-bench-openai");
    }
  },
  /**
   * sgl-project/sglang python/sglang/srt/entrypoints/openai/protocol.py (ModelCard): owned by
   * {@code sglang}, with {@code root}, {@code parent} and {@code max_model_len}.
   */
  SGLANG {
    @Override
    void fillEntry(ObjectNode entry) {
      entry.put("owned_by", "sglang");
      entry.put("root", entry.get("id").textValue());
      entry.putNull("parent");
      entry.put("max_model_len", ChatRequest.MAX_OUTPUT_TOKENS);
    }
  },
  /**
   * ../shared/wire/llama.cpp/models.txt: an Ollama-style {@code "models"} list beside OpenAI's
   * {@code "data"}, whose entry has {@code aliases}, {@code tags} and the model's {@code meta}.
   */
  LLAMACPP {
    @Override
    void fillEntry(ObjectNode entry) {
      String id = entry.get("id").textValue();
      entry.putArray("aliases").add(id);
      entry.putArray("tags");
      entry.put("owned_by", "llamacpp");
      // The transcript's tiny model; the numbers only have to be the right kind.
      entry
          .putObject("meta")
          .put("vocab_type", 1)
          .put("n_vocab", 32000)
          .put("n_ctx", ChatRequest.MAX_OUTPUT_TOKENS)
          .put("n_ctx_train", ChatRequest.MAX_OUTPUT_TOKENS)
          .put("n_embd", 128)
          .put("n_params", 9045120)
          .put("size", 18092544)
          .put("ftype", "F16");
    }

    @Override
    void fillRoot(ObjectNode root, String model) {
      ObjectNode listed = root.putArray("models").addObject();
      listed.put("name", model).put("model", model).put("modified_at", "");
      listed.put("size", "").put("digest", "").put("type", "model").put("description", "");
      listed.putArray("tags").add("");
      listed.putArray("capabilities").add("completion");
      listed.put("parameters", "");
      ObjectNode details = listed.putObject("details");
      details.put("parent_model", "").put("format", "gguf").put("family", "");
      details.putArray("families").add("");
      details.put("parameter_size", "").put("quantization_level", "");
    }
  },
  /**
   * ollama/ollama openai/openai.go (ToListCompletion): owned by the name's namespace, {@code
   * library} for a name without one.
   */
  OLLAMA {
    @Override
    void fillEntry(ObjectNode entry) {
      entry.put("owned_by", "library");
    }
  };

  /** Adds the family's fields to the one {@code data} entry, which has id, object and created. */
  abstract void fillEntry(ObjectNode entry);

  /** Adds fields beside {@code object} and {@code data}. */
  void fillRoot(ObjectNode root, String model) {}

  byte[] body(String model, long createdEpochSeconds) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    fillRoot(root, model);
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    ObjectNode entry = data.addObject();
    entry.put("id", model);
    entry.put("object", "model");
    entry.put("created", createdEpochSeconds);
    fillEntry(entry);
    return Json.bytes(root);
  }
}
