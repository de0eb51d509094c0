package org.rispacs.query.audit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.util.ClassUtils;

/** Every event type of the api, found on the class path, and a sample of each built from its record components. */
final class SampleEvents {

    private SampleEvents() {
    }

    static List<Class<?>> eventTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*Event")));
        return scanner.findCandidateComponents("org.rispacs.api").stream()
                .map(candidate -> ClassUtils.resolveClassName(candidate.getBeanClassName(), null))
                .<Class<?>>map(type -> type)
                .sorted(Comparator.comparing(Class::getName))
                .toList();
    }

    /** {@code type} with every component set, each text distinct and named after its component. */
    static Object filled(Class<?> type) {
        return construct(type, new AtomicInteger()).orElseThrow(() -> new AssertionError("cannot build a " + type));
    }

    /** {@code type} with every component that may be null left null, if its constructor accepts that. */
    static Optional<Object> sparse(Class<?> type) {
        Object[] arguments = Arrays.stream(type.getRecordComponents())
                .map(component -> component.getType().isPrimitive() ? primitive(component.getType()) : null)
                .toArray();
        return instantiate(type, arguments);
    }

    private static Optional<Object> construct(Class<?> type, AtomicInteger counter) {
        Object[] arguments = Arrays.stream(type.getRecordComponents())
                .map(component -> value(component.getName(), component.getType(), component.getGenericType(), counter))
                .toArray();
        return instantiate(type, arguments);
    }

    private static Optional<Object> instantiate(Class<?> type, Object[] arguments) {
        Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            var constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return Optional.of(constructor.newInstance(arguments));
        } catch (InvocationTargetException refused) {
            return Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build a " + type, e);
        }
    }

    private static Object value(String name, Class<?> type, Type generic, AtomicInteger counter) {
        if (type.isPrimitive()) {
            return primitive(type);
        }
        if (type == String.class) {
            int n = counter.incrementAndGet();
            // short and lower case, so that an accession number is normalised to something else
            return name.toLowerCase(Locale.ROOT).contains("accession") ? "acc-" + n : name + "-" + n;
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == Instant.class) {
            return Instant.parse("2026-03-01T10:15:30Z");
        }
        if (type == LocalDateTime.class) {
            return LocalDateTime.parse("2026-03-01T10:15:30");
        }
        if (type == LocalDate.class) {
            return LocalDate.parse("1970-01-01");
        }
        if (type == Integer.class) {
            return counter.incrementAndGet();
        }
        if (type == BigDecimal.class) {
            return new BigDecimal("12.50");
        }
        if (type == List.class && generic instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] instanceof Class<?> element) {
            return List.of(value(name, element, element, counter), value(name, element, element, counter));
        }
        if (type.isRecord()) {
            return construct(type, counter).orElseThrow(() -> new AssertionError("cannot build a " + type));
        }
        throw new AssertionError("no sample value for a " + type + " (component " + name + "): teach SampleEvents");
    }

    private static Object primitive(Class<?> type) {
        if (type == boolean.class) {
            return true;
        }
        if (type == long.class) {
            return 1L;
        }
        if (type == int.class) {
            return 1;
        }
        throw new AssertionError("no sample value for a " + type);
    }
}
