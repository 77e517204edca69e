// A module: plug-in that cannot be loaded, as one missing its native library.
throw new Error('libloss.so: cannot open shared object file');
