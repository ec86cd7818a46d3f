from mkelf import *
import struct, zlib
C=0x800
raw=b'hello world '*100
z=zlib.compress(raw)
ch64=lambda t,sz,al: struct.pack('<IIQQ',t,0,sz,al)
ch32=lambda t,sz,al: struct.pack('<III',t,sz,al)
L=[Sec('.debug_info',1,C,data=ch64(1,len(raw),8)+z,align=1),
   Sec('.debug_abbrev',1,C,data=ch64(1,0x1234,0)+z,align=8),
   Sec('.zdebug_line',1,0,data=b'ZLIB'+struct.pack('>Q',len(raw))+z,align=8),
   Sec('.zdebug_noz',1,0,data=b'ZLIX'+struct.pack('>Q',len(raw))+z,align=8),
   Sec('.debug_str',1,0,data=b'ZLIBabcdefgh'+z,align=4),
   Sec('.debug_zstd',1,C,data=ch64(2,999,4)+z,align=1),
   Sec('.comment',1,C,data=ch64(1,len(raw),8)+z,align=1),
   Sec('.debug_small',1,C,data=b'abc',align=1),
   Sec('.stab',1,C,data=ch64(1,len(raw),8)+z,align=1),
   Sec('.debug_alloc',1,C|A,data=ch64(1,len(raw),8)+z,align=1),
   Sec('.debug_nobits',8,C,size=100,align=1),
]
write('comp.o',L)
write('comp_badtype.o',[Sec('.debug_info',1,C,data=ch64(3,len(raw),8)+z)])
write('comp_badalign.o',[Sec('.debug_info',1,C,data=ch64(1,len(raw),12)+z)])
write('comp32.o',[Sec('.debug_info',1,C,data=ch32(1,len(raw),16)+z),Sec('.zdebug_info',1,0,data=b'ZLIB'+struct.pack('>Q',len(raw))+z,align=4)],cls=32,machine=3)
write('comp_huge.o',[Sec('.debug_info',1,C,data=ch64(1,1<<33,1)+z)])
