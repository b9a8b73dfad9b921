package airbytemcp.cloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Query parameters in order; a name may repeat (arrays are sent as repeated parameters, as the API
 * expects).
 */
public final class ApiQuery {
  private final List<Map.Entry<String, String>> params = new ArrayList<>();

  public static ApiQuery of() {
    return new ApiQuery();
  }

  public ApiQuery add(String name, Object value) {
    if (value != null) {
      params.add(Map.entry(name, String.valueOf(value)));
    }
    return this;
  }

  ApiQuery copy() {
    ApiQuery copy = new ApiQuery();
    copy.params.addAll(params);
    return copy;
  }

  ApiQuery without(String name) {
    params.removeIf(p -> p.getKey().equals(name));
    return this;
  }

  List<Map.Entry<String, String>> params() {
    return params;
  }
}
