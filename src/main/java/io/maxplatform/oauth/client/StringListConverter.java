package io.maxplatform.oauth.client;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.Array;
import java.sql.SQLException;
import java.util.List;

/** PostgreSQL {@code text[]} columns as {@code List<String>}: writes a {@code String[]}, reads a JDBC array. */
@Converter
public class StringListConverter implements AttributeConverter<List<String>, Object> {

    @Override
    public Object convertToDatabaseColumn(List<String> values) {
        return values == null ? new String[0] : values.toArray(String[]::new);
    }

    @Override
    public List<String> convertToEntityAttribute(Object column) {
        try {
            if (column == null) {
                return List.of();
            }
            if (column instanceof Array array) {
                return List.of((String[]) array.getArray());
            }
            if (column instanceof String[] strings) {
                return List.of(strings);
            }
            throw new IllegalArgumentException("Unexpected text[] value of type " + column.getClass().getName());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a text[] column", e);
        }
    }
}
