// maptidy/composite_key.hpp - hashing and equality for composite keys.
//
// Part of maptidy, under the Apache License v2.0 with LLVM Exceptions (see
// the LICENSE file that comes with maptidy).
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// maptidy::hash<T> is a transparent, avalanching hash for arithmetic types,
// enums, pointers, strings, std::pair and std::tuple (nested arbitrarily);
// any other type falls back to std::hash and is then mixed.
// maptidy::equal_to<> compares pairs and tuples element-wise across element
// types, so a map keyed by std::pair<std::string, std::string> can be probed
// with std::pair<std::string_view, std::string_view> without allocating.
//
// The hash is fast and well distributed but not keyed: it gives no protection
// against inputs chosen to collide.
#ifndef MAPTIDY_COMPOSITE_KEY_HPP
#define MAPTIDY_COMPOSITE_KEY_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace maptidy {
namespace detail {

// Multiplies two 64-bit words and folds the 128-bit product onto itself:
// every output bit depends on every bit of both operands.
inline std::uint64_t mul_fold(std::uint64_t a, std::uint64_t b) noexcept {
#if defined(__SIZEOF_INT128__)
  __extension__ typedef unsigned __int128 uint128;
  const uint128 product = static_cast<uint128>(a) * b;
  return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
#else
  const std::uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32;
  const std::uint64_t b_lo = b & 0xffffffffu, b_hi = b >> 32;
  const std::uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo;
  const std::uint64_t lo_hi = a_lo * b_hi, hi_hi = a_hi * b_hi;
  const std::uint64_t middle = (lo_lo >> 32) + (hi_lo & 0xffffffffu) + lo_hi;
  const std::uint64_t low = (middle << 32) | (lo_lo & 0xffffffffu);
  const std::uint64_t high = hi_hi + (hi_lo >> 32) + (middle >> 32);
  return low ^ high;
#endif
}

// Arbitrary odd constants with about half of their bits set.
inline constexpr std::uint64_t initial_state = 0xd1a6e55e9b9b1325u;
inline constexpr std::uint64_t absorb_multiplier = 0xcf0c26ef4243ed53u;
inline constexpr std::uint64_t finish_multiplier = 0xde6a0a2edd70e34du;
inline constexpr std::uint64_t block_key = 0x8463513755ac0ecdu;

// The hash of a value is computed by absorbing 64-bit words into a state one
// at a time and finishing the state with a second, independent fold: a single
// fold leaves the last absorbed word poorly avalanched, two do not.
inline std::uint64_t absorb(std::uint64_t state, std::uint64_t word) noexcept {
  return mul_fold(state ^ word, absorb_multiplier);
}
inline std::uint64_t finish(std::uint64_t state) noexcept {
  return mul_fold(state, finish_multiplier);
}

inline std::uint64_t load_u64(const unsigned char* p) noexcept {
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}
inline std::uint64_t load_u32(const unsigned char* p) noexcept {
  std::uint32_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

// Absorbs a byte range, its length first, then 16 bytes per multiplication.
// Short tails are read with overlapping loads; the length disambiguates them.
inline std::uint64_t absorb_bytes(std::uint64_t state, const void* data, std::size_t size) noexcept {
  const auto* p = static_cast<const unsigned char*>(data);
  state = absorb(state, static_cast<std::uint64_t>(size));
  std::uint64_t first = 0, second = 0;
  if (size <= 16) {
    if (size >= 8) {
      first = load_u64(p);
      second = load_u64(p + size - 8);
    } else if (size >= 4) {
      first = (load_u32(p) << 32) | load_u32(p + size - 4);
    } else if (size > 0) {
      first = (std::uint64_t{p[0]} << 16) | (std::uint64_t{p[size / 2]} << 8) | p[size - 1];
    }
  } else {
    const unsigned char* const last_block = p + size - 16;
    for (; p < last_block; p += 16)
      state = mul_fold(load_u64(p) ^ state, load_u64(p + 8) ^ block_key);
    first = load_u64(last_block);
    second = load_u64(last_block + 8);
  }
  return mul_fold(first ^ state, second ^ block_key);
}

template <class T, template <class...> class Template>
struct is_specialization : std::false_type {};
template <template <class...> class Template, class... Args>
struct is_specialization<Template<Args...>, Template> : std::true_type {};

template <class T> struct is_pair : is_specialization<T, std::pair> {};
template <class T> struct is_tuple : is_specialization<T, std::tuple> {};

template <class T> struct is_basic_string : std::false_type {};
template <class C, class Traits, class Alloc>
struct is_basic_string<std::basic_string<C, Traits, Alloc>> : std::true_type {};
template <class C, class Traits>
struct is_basic_string<std::basic_string_view<C, Traits>> : std::true_type {};

// Pointers to char and arrays of char are C strings: they hash and compare
// by content, like the std::string they usually stand for.
template <class T>
inline constexpr bool is_c_string_v =
    std::is_same_v<std::decay_t<T>, const char*> || std::is_same_v<std::decay_t<T>, char*>;

template <class T>
inline constexpr bool is_string_like_v = is_basic_string<T>::value || is_c_string_v<T>;

template <class T>
auto as_string_view(const T& s) noexcept {
  if constexpr (is_c_string_v<T>)
    return std::string_view(s);
  else
    return std::basic_string_view<typename T::value_type, typename T::traits_type>(s.data(), s.size());
}

template <class T, class = void>
struct has_std_hash : std::false_type {};
template <class T>
struct has_std_hash<T, std::void_t<decltype(std::hash<T>{}(std::declval<const T&>()))>> : std::true_type {};

template <class T>
struct is_nothrow_hashable
    : std::bool_constant<std::is_arithmetic_v<T> || std::is_enum_v<T> || std::is_pointer_v<T> ||
                         std::is_null_pointer_v<T> || is_string_like_v<T>> {};
template <class T>
struct std_hash_is_nothrow : std::bool_constant<noexcept(std::hash<T>{}(std::declval<const T&>()))> {};
template <class First, class Second>
struct is_nothrow_hashable<std::pair<First, Second>>
    : std::conjunction<is_nothrow_hashable<First>, is_nothrow_hashable<Second>> {};
template <class... Elements>
struct is_nothrow_hashable<std::tuple<Elements...>> : std::conjunction<is_nothrow_hashable<Elements>...> {};

template <class T>
std::uint64_t absorb_value(std::uint64_t state, const T& value) noexcept(
    std::disjunction_v<is_nothrow_hashable<T>, std::conjunction<has_std_hash<T>, std_hash_is_nothrow<T>>>);

template <class Tuple, std::size_t... I>
std::uint64_t absorb_elements(std::uint64_t state, const Tuple& t, std::index_sequence<I...>) {
  ((state = absorb_value(state, std::get<I>(t))), ...);
  return state;
}

// Values that maptidy::hash absorbs as one 64-bit word.
template <class T>
inline constexpr bool is_single_word_v =
    (std::is_arithmetic_v<T> || std::is_enum_v<T> || std::is_pointer_v<T> || std::is_null_pointer_v<T>) &&
    !is_c_string_v<T>;

// The word of such a value. Integers are widened by value (sign-extended when
// signed), so equal values of different integer types of the same signedness
// hash alike. A floating point value is the double it converts to, with -0.0
// folded onto 0.0.
template <class T>
std::uint64_t word_of(const T& value) noexcept {
  static_assert(is_single_word_v<T>);
  if constexpr (std::is_enum_v<T>) {
    return word_of(static_cast<std::underlying_type_t<T>>(value));
  } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
    return static_cast<std::uint64_t>(static_cast<std::int64_t>(value));
  } else if constexpr (std::is_integral_v<T>) {
    return static_cast<std::uint64_t>(value);
  } else if constexpr (std::is_floating_point_v<T>) {
    const double as_double = value == 0 ? 0.0 : static_cast<double>(value);
    std::uint64_t bits;
    std::memcpy(&bits, &as_double, sizeof bits);
    return bits;
  } else if constexpr (std::is_null_pointer_v<T>) {
    return 0;
  } else {
    return static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(value));
  }
}

template <class T>
std::uint64_t absorb_value(std::uint64_t state, const T& value) noexcept(
    std::disjunction_v<is_nothrow_hashable<T>, std::conjunction<has_std_hash<T>, std_hash_is_nothrow<T>>>) {
  if constexpr (is_single_word_v<T>) {
    return absorb(state, word_of(value));
  } else if constexpr (is_string_like_v<T>) {
    const auto view = as_string_view(value);
    return absorb_bytes(state, view.data(), view.size() * sizeof(view[0]));
  } else if constexpr (is_pair<T>::value || is_tuple<T>::value) {
    return absorb_elements(state, value, std::make_index_sequence<std::tuple_size_v<T>>{});
  } else {
    static_assert(has_std_hash<T>::value,
                  "maptidy::hash: the type is not supported natively and has no std::hash specialization");
    return absorb(state, static_cast<std::uint64_t>(std::hash<T>{}(value)));
  }
}

}  // namespace detail

// A strong, avalanching, transparent hash. The template argument only names
// the intended key type; any supported type may be passed to operator(),
// and values that compare equal under maptidy::equal_to<> hash equally
// (std::string, std::string_view and C strings; integers of one signedness;
// pairs and tuples thereof).
template <class T = void>
struct hash {
  using is_transparent = void;
  using is_avalanching = std::true_type;

  template <class U>
  std::size_t operator()(const U& value) const noexcept(noexcept(detail::absorb_value(0, value))) {
    return static_cast<std::size_t>(detail::finish(detail::absorb_value(detail::initial_state, value)));
  }
};

// Hashes several values as one composite key; equals the maptidy::hash of the
// std::tuple (or std::pair) of the same values. Meant for user-defined keys:
//   std::size_t operator()(const point& p) const { return maptidy::hash_values(p.x, p.y); }
template <class... Values>
std::size_t hash_values(const Values&... values) noexcept(
    (noexcept(detail::absorb_value(0, values)) && ...)) {
  std::uint64_t state = detail::initial_state;
  ((state = detail::absorb_value(state, values)), ...);
  return static_cast<std::size_t>(detail::finish(state));
}

// Mixes the hash of value into seed, for keys built incrementally
// (e.g. over a container). Order matters: combining a then b differs from
// b then a.
template <class T>
void hash_combine(std::size_t& seed, const T& value) noexcept(noexcept(detail::absorb_value(0, value))) {
  seed = static_cast<std::size_t>(detail::finish(detail::absorb_value(seed, value)));
}

namespace detail {

template <class A, class B>
constexpr bool equal_values(const A& a, const B& b) {
  if constexpr (is_string_like_v<A> && is_string_like_v<B>) {
    return as_string_view(a) == as_string_view(b);
  } else if constexpr ((is_pair<A>::value || is_tuple<A>::value) && (is_pair<B>::value || is_tuple<B>::value)) {
    static_assert(std::tuple_size_v<A> == std::tuple_size_v<B>, "maptidy::equal_to: composite keys of different arity");
    return std::apply(
        [&b](const auto&... lhs) {
          return std::apply([&lhs...](const auto&... rhs) { return (equal_values(lhs, rhs) && ...); }, b);
        },
        a);
  } else {
    return a == b;
  }
}

}  // namespace detail

// Transparent equality matching maptidy::hash: pairs and tuples compare
// element-wise even when their element types differ (std::string against
// std::string_view), and C strings compare by content.
template <class T = void>
struct equal_to {
  using is_transparent = void;

  template <class A, class B>
  constexpr bool operator()(const A& a, const B& b) const {
    return detail::equal_values(a, b);
  }
};

// Whether Hash already mixes its output well enough that a container may use
// its high and low bits directly. A hash opts in with a nested
// `is_avalanching` type: either a bool constant or, as some libraries spell
// it, void.
template <class Hash, class = void>
struct is_avalanching : std::false_type {};

namespace detail {
template <class Flag, class = void>
struct avalanching_flag : std::true_type {};
template <class Flag>
struct avalanching_flag<Flag, std::void_t<decltype(Flag::value)>> : std::bool_constant<Flag::value> {};
}  // namespace detail

template <class Hash>
struct is_avalanching<Hash, std::void_t<typename Hash::is_avalanching>>
    : detail::avalanching_flag<typename Hash::is_avalanching> {};

template <class Hash>
inline constexpr bool is_avalanching_v = is_avalanching<Hash>::value;

namespace detail {

template <class Hash>
struct is_maptidy_hash : std::false_type {};
template <class T>
struct is_maptidy_hash<hash<T>> : std::true_type {};

}  // namespace detail

}  // namespace maptidy

#endif  // MAPTIDY_COMPOSITE_KEY_HPP
