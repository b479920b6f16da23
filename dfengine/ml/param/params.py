"""`Param` and `Params`: typed, documented parameters with defaults, as in `pyspark.ml.param`.

A Param declared on a class is a template; every instance gets its own copy whose `parent` is
the instance's uid, so `lr.regParam` and `lr2.regParam` are different keys of a param map while
`lr.copy()` keeps values but not identity. Values go through the Param's type converter when
set, so a bad value is rejected where the user wrote it.
"""

from __future__ import annotations

import copy as _copy
import functools
import uuid
from collections.abc import Callable
from typing import Any

from dfengine.ml.param.type_converters import TypeConverters


class Param:
    """A param with self-contained documentation."""

    def __init__(self, parent: Any, name: str, doc: str,
                 typeConverter: Callable[[Any], Any] | None = None):
        self.parent = parent.uid if hasattr(parent, "uid") else parent
        self.name = str(name)
        self.doc = str(doc)
        self.typeConverter = typeConverter or TypeConverters.identity

    def _copy_new_parent(self, parent: Any) -> Param:
        param = _copy.copy(self)
        param.parent = parent.uid
        return param

    def __str__(self) -> str:
        return f"{self.parent}__{self.name}"

    def __repr__(self) -> str:
        return f"Param(parent={self.parent!r}, name={self.name!r}, doc={self.doc!r})"

    def __hash__(self) -> int:
        return hash(str(self))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Param) and self.parent == other.parent and self.name == other.name


class _Dummy:
    """Parent of class-level Param templates (PySpark's `Params._dummy()`)."""

    uid = "undefined"


def _dummy() -> _Dummy:
    return _Dummy()


class Params:
    """Components that take parameters; every stage, evaluator and tuner derives from this."""

    def __init__(self) -> None:
        self._paramMap: dict[Param, Any] = {}
        self._defaultParamMap: dict[Param, Any] = {}
        self.uid = self._randomUID()
        self._params: list[Param] | None = None
        self._copy_params()
        if self.hasParam("outputCol"):   # PySpark's HasOutputCol default
            self._setDefault(outputCol=self.uid + "__output")

    @classmethod
    def _randomUID(cls) -> str:
        return f"{cls.__name__}_{uuid.uuid4().hex[-12:]}"

    def _copy_params(self) -> None:
        for name in dir(type(self)):
            attr = getattr(type(self), name, None)
            if isinstance(attr, Param):
                setattr(self, name, attr._copy_new_parent(self))

    @property
    def params(self) -> list[Param]:
        """All params of this instance, sorted by name."""
        if self._params is None:
            self._params = sorted(
                (v for v in vars(self).values() if isinstance(v, Param)), key=lambda p: p.name
            )
        return self._params

    def explainParam(self, param: str | Param) -> str:
        param = self._resolveParam(param)
        values = []
        if self.hasDefault(param):
            values.append(f"default: {self._defaultParamMap[param]}")
        if self.isSet(param):
            values.append(f"current: {self._paramMap[param]}")
        value_str = "undefined" if not values else ", ".join(values)
        return f"{param.name}: {param.doc} ({value_str})"

    def explainParams(self) -> str:
        return "\n".join(self.explainParam(p) for p in self.params)

    def getParam(self, paramName: str) -> Param:
        param = getattr(self, paramName, None)
        if isinstance(param, Param):
            return param
        from dfengine.errors import IllegalArgumentException

        names = ", ".join(p.name for p in self.params)
        raise IllegalArgumentException(
            f"{type(self).__name__} has no param '{paramName}'. Its params are: {names}."
        )

    def hasParam(self, paramName: str) -> bool:
        return isinstance(getattr(self, paramName, None), Param)

    def isSet(self, param: str | Param) -> bool:
        return self._resolveParam(param) in self._paramMap

    def hasDefault(self, param: str | Param) -> bool:
        return self._resolveParam(param) in self._defaultParamMap

    def isDefined(self, param: str | Param) -> bool:
        return self.isSet(param) or self.hasDefault(param)

    def getOrDefault(self, param: str | Param) -> Any:
        param = self._resolveParam(param)
        if param in self._paramMap:
            return self._paramMap[param]
        if param in self._defaultParamMap:
            return self._defaultParamMap[param]
        from dfengine.errors import IllegalArgumentException

        raise IllegalArgumentException(
            f"Param '{param.name}' of {self.uid} is not set and has no default; "
            f"set it with set{param.name[0].upper()}{param.name[1:]}(...)."
        )

    def extractParamMap(self, extra: dict | None = None) -> dict[Param, Any]:
        param_map = dict(self._defaultParamMap)
        param_map.update(self._paramMap)
        if extra:
            param_map.update(extra)
        return param_map

    def copy(self, extra: dict | None = None) -> Params:
        """A shallow copy with the same uid and its own param maps; `extra` values override."""
        that = _copy.copy(self)
        that._paramMap = dict(self._paramMap)
        that._defaultParamMap = dict(self._defaultParamMap)
        if extra:
            for param, value in extra.items():
                if self._owns(param):
                    that._paramMap[param] = value
        return that

    def _copyValues(self, to: Params, extra: dict | None = None) -> Params:
        param_map = dict(self._paramMap)
        if extra:
            param_map.update({k: v for k, v in extra.items() if self._owns(k)})
        for param in self.params:
            if param in self._defaultParamMap and to.hasParam(param.name):
                to._defaultParamMap[to.getParam(param.name)] = self._defaultParamMap[param]
            if param in param_map and to.hasParam(param.name):
                to._set(**{param.name: param_map[param]})
        if hasattr(to, "transform") and not hasattr(to, "fit"):
            # a fitted model lists its params by name, as PySpark's models read from the JVM
            to._defaultParamMap = dict(sorted(to._defaultParamMap.items(),
                                              key=lambda kv: kv[0].name))
            to._paramMap = dict(sorted(to._paramMap.items(), key=lambda kv: kv[0].name))
        return to

    def _owns(self, param: Param) -> bool:
        return isinstance(param, Param) and param.parent == self.uid

    def set(self, param: Param, value: Any) -> None:
        self._shouldOwn(param)
        self._paramMap[param] = param.typeConverter(value)

    def clear(self, param: Param) -> None:
        if self.isSet(param):
            del self._paramMap[self._resolveParam(param)]

    def _shouldOwn(self, param: Param) -> None:
        if not (self.uid == param.parent and self.hasParam(param.name)):
            raise ValueError(f"Param {param} does not belong to {self}.")

    def _resolveParam(self, param: str | Param) -> Param:
        if isinstance(param, Param):
            self._shouldOwn(param)
            return param
        if isinstance(param, str):
            return self.getParam(param)
        raise TypeError(f"Cannot resolve {param!r} as a param.")

    def _set(self, **kwargs: Any) -> Params:
        for name, value in kwargs.items():
            param = self.getParam(name)
            if value is None:
                self._paramMap[param] = None
                continue
            try:
                value = param.typeConverter(value)
            except TypeError as e:
                raise TypeError(f'Invalid param value given for param "{param.name}". {e}') \
                    from None
            self._paramMap[param] = value
        return self

    def _clear(self, param: Param) -> None:
        self._paramMap.pop(param, None)

    def _setDefault(self, **kwargs: Any) -> Params:
        for name, value in kwargs.items():
            param = self.getParam(name)
            if value is not None:
                value = param.typeConverter(value)
            self._defaultParamMap[param] = value
        return self

    def _resetUid(self, new_uid: str) -> Params:
        """Give this instance (and its params and param maps) a new uid, used by loaders."""
        self.uid = new_uid
        remap = {}
        for name, value in list(vars(self).items()):
            if isinstance(value, Param):
                new = _copy.copy(value)
                new.parent = new_uid
                setattr(self, name, new)
                remap[value] = new
        self._paramMap = {remap.get(k, k): v for k, v in self._paramMap.items()}
        self._defaultParamMap = {remap.get(k, k): v for k, v in self._defaultParamMap.items()}
        out = getattr(self, "outputCol", None)
        old_default = self._defaultParamMap.get(out) if isinstance(out, Param) else None
        if str(old_default or "").endswith("__output"):
            self._defaultParamMap[out] = new_uid + "__output"
        self._params = None
        return self

    def __repr__(self) -> str:
        return self.uid

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Give every declared Param a `getX` and `setX` unless the class writes its own."""
        super().__init_subclass__(**kwargs)
        for name, attr in list(vars(cls).items()):
            if not isinstance(attr, Param):
                continue
            cap = name[0].upper() + name[1:]
            if not hasattr(cls, f"get{cap}"):
                setattr(cls, f"get{cap}", _make_getter(name))
            if not hasattr(cls, f"set{cap}"):
                setattr(cls, f"set{cap}", _make_setter(name))


def _make_getter(name: str) -> Callable:
    def getter(self: Params) -> Any:
        return self.getOrDefault(getattr(self, name))

    getter.__name__ = f"get{name[0].upper()}{name[1:]}"
    getter.__doc__ = f"Gets the value of `{name}` or its default value."
    return getter


def _make_setter(name: str) -> Callable:
    def setter(self: Params, value: Any) -> Params:
        return self._set(**{name: value})

    setter.__name__ = f"set{name[0].upper()}{name[1:]}"
    setter.__doc__ = f"Sets the value of `{name}`."
    return setter


def keyword_only(func: Callable) -> Callable:
    """Allow only keyword arguments and keep them in `self._input_kwargs` (PySpark's idiom)."""

    @functools.wraps(func)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        if args:
            raise TypeError(f"Method {func.__name__} forces keyword arguments.")
        self._input_kwargs = kwargs
        return func(self, **kwargs)

    return wrapper
